"""The question catalogue: every prompt, option and hint the questionnaire can show (msgids)."""

from __future__ import annotations

from locales import N_

from .model import Option, Question

SKIP_DONT_KNOW = N_("I don't know")
SKIP_DONT_REMEMBER = N_("I don't remember")
SKIP = N_("Skip")
# Dates in the past (every date question but the protection end asks about the past).
DATE_EXAMPLES = N_("Examples: March 15, 2026; 12 days ago; yesterday.")
MONEY_EXAMPLES = N_("Examples: $12.50, €15, 1,200.50 USD, 990 RUB.")

YES = Option(code="yes", label=N_("Yes"))
NO = Option(code="no", label=N_("No"))
UNKNOWN = Option(code="unknown", label=N_("I don't know"))

RECEIVED = Question(
    id="received",
    prompt=N_("Have you received the parcel?"),
    kind="choice",
    options=(
        Option(code="yes", label=N_("Yes, the parcel has arrived")),
        Option(code="no", label=N_("No, it has not arrived")),
    ),
)

# ---- Not received -------------------------------------------------------------------------

DELIVERY_STATUS = Question(
    id="delivery_status",
    prompt=N_("What does the tracking say?"),
    kind="choice",
    options=(
        Option(code="in_transit", label=N_("It is on its way, the tracking moves")),
        Option(code="not_updating", label=N_("The tracking has not changed for a long time")),
        Option(code="no_tracking", label=N_("There is no tracking information")),
        Option(code="at_customs", label=N_("It is held at customs")),
        Option(code="returned_to_seller", label=N_("It is being returned to the seller")),
        Option(code="delivered_not_received", label=N_("It says delivered, but I do not have it")),
        Option(code="wrong_address", label=N_("It was sent to a wrong address")),
        Option(
            code="tracking_other_address",
            label=N_("The tracking shows another city or another recipient"),
        ),
    ),
    hint=N_("Open the order and press “Track order” to see the tracking page."),
)

CUSTOMS_ISSUE = Question(
    id="customs_issue",
    prompt=N_("What does customs want?"),
    kind="choice",
    options=(
        Option(code="duty_required", label=N_("Customs duty that I do not want to pay")),
        Option(
            code="vat_misdeclared",
            label=N_("Tax or duty because the seller declared the parcel wrongly"),
        ),
        Option(code="documents_required", label=N_("Documents or information about the parcel")),
        UNKNOWN,
    ),
)

ADDRESS_ERROR_BY = Question(
    id="address_error_by",
    prompt=N_("Whose mistake was the address?"),
    kind="choice",
    options=(
        Option(code="seller", label=N_("The seller's: my address in the order is right")),
        Option(code="buyer", label=N_("Mine: I gave a wrong address or changed it too late")),
    ),
)

NOT_COLLECTED = Question(
    id="not_collected",
    prompt=N_("Was it sent back because nobody collected it at the post office in time?"),
    kind="choice",
    options=(YES, NO, UNKNOWN),
)

TRACKING_LAST_CHANGE = Question(
    id="tracking_last_change",
    prompt=N_("When did the tracking last change?"),
    kind="choice",
    # The two buttons follow the default `stuck_days` setting (14 days); "2 weeks or more" is
    # offered only for a parcel shipped that long ago (steps.stuck_button_fits).
    options=(
        Option(code="under_14", label=N_("Less than 2 weeks ago")),
        Option(code="over_14", label=N_("2 weeks ago or more")),
        Option(code="date", label=N_("I will type the date")),
    ),
)

TRACKING_LAST_DATE = Question(
    id="tracking_last_date",
    prompt=N_("Type the date of the last tracking event."),
    kind="text",
    parser="date",
    examples=DATE_EXAMPLES,
)

SHIPPED_ON = Question(
    id="shipped_on",
    prompt=N_("When did the seller ship the order?"),
    kind="text",
    parser="date",
    skip_label=SKIP_DONT_KNOW,
    hint=N_("The order page and the first event on the tracking page show the shipping date."),
    examples=DATE_EXAMPLES,
)

SELLER_CONTACT = Question(
    id="seller_contact",
    prompt=N_("Have you written to the seller about it?"),
    kind="choice",
    options=(
        Option(code="not_contacted", label=N_("Not yet")),
        Option(code="no_reply", label=N_("Yes, but there is no reply")),
        Option(code="replied", label=N_("Yes, the seller replied")),
        Option(code="extended", label=N_("The seller extended the protection")),
        Option(code="refused", label=N_("The seller refused to extend the protection")),
    ),
)

SHIPPING_METHOD = Question(
    id="shipping_method",
    prompt=N_("Which delivery did you choose?"),
    kind="choice",
    options=(
        Option(code="standard", label=N_("AliExpress Standard Shipping")),
        Option(code="saver", label=N_("AliExpress Saver Shipping")),
        Option(code="premium", label=N_("AliExpress Premium Shipping")),
        Option(code="unknown", label=N_("Another one, or I don't know")),
    ),
    hint=N_("The order page shows the delivery method."),
)

TRACKING_NUMBER = Question(
    id="tracking_number",
    prompt=N_("What is the tracking number?"),
    kind="text",
    parser="tracking",
    skip_label=SKIP,
    examples=N_("Examples: RB123456785GB, LP00123456789012."),
)

# ---- Received -----------------------------------------------------------------------------

PROBLEM = Question(
    id="problem",
    prompt=N_("What is wrong with the order?"),
    kind="choice",
    options=(
        # Walk D: a speaker with one channel dead, taken as "quality", asked $10.50 of $34.99.
        Option(code="not_working", label=N_("It does not work, or works with a fault")),
        Option(code="damaged", label=N_("It arrived broken or damaged")),
        Option(code="wrong_item", label=N_("It is a different item")),
        Option(
            code="not_as_described",
            label=N_("It differs from the listing: colour, size by the seller's chart, model"),
        ),
        Option(code="quality", label=N_("The material or quality is worse than described")),
        Option(code="missing_parts", label=N_("Parts or accessories are missing")),
        Option(code="short_quantity", label=N_("Fewer pieces than I ordered")),
        Option(code="empty_package", label=N_("The parcel came empty")),
        Option(code="counterfeit", label=N_("It is a fake of the brand")),
        Option(code="expired", label=N_("It is past its expiry date")),
        Option(code="wrong_size_buyer", label=N_("It does not fit: I chose the wrong size")),
        Option(code="misread_description", label=N_("It is as described, I misread the listing")),
        Option(code="changed_mind", label=N_("Nothing is wrong, I changed my mind")),
    ),
    hint=N_(
        "A fault in how it works (it does not turn on or charge, one earphone or channel is"
        " silent, it switches off by itself) is “It does not work, or works with a fault”: a"
        " full refund. “The material or quality is worse” is for an item that works but is"
        " made worse than the listing says."
    ),
    hint_kind="explain",
)

USABLE = Question(
    id="usable",
    prompt=N_("Can you still use it despite the problem?"),
    kind="choice",
    options=(YES, NO, UNKNOWN),
)

QUANTITY_ORDERED = Question(
    id="quantity_ordered",
    prompt=N_("How many pieces did you order?"),
    kind="text",
    parser="quantity",
    examples=N_("Examples: 5, 5 pcs."),
)

QUANTITY_RECEIVED = Question(
    id="quantity_received",
    prompt=N_("How many pieces did you receive?"),
    kind="text",
    parser="quantity",
    examples=N_("Examples: 3, 0 if none."),
)

# Walk of 2026-12-03: "3 of 5 bulbs came and one of them is dead" had no answer but the note,
# and the refund left the dead one out.
QUANTITY_FAULTY = Question(
    id="quantity_faulty",
    prompt=N_(
        "Do all the pieces that came work? If some are broken or do not work, type how many."
    ),
    kind="text",
    parser="faulty",
    skip_label=N_("✅ They all work"),
    examples=N_("Examples: 1, 2 pcs."),
)

PREFER_RETURN = Question(
    id="prefer_return",
    prompt=N_("Would you rather send the item back for a full refund?"),
    kind="choice",
    options=(
        Option(code="no", label=N_("No, I will keep it")),
        Option(code="yes", label=N_("Yes, I am ready to send it back")),
    ),
    hint=N_(
        "Return postage to China is usually paid by you, and the refund comes only after "
        "the seller receives the parcel."
    ),
    hint_kind="explain",
)

RETURN_COST = Question(
    id="return_cost",
    prompt=N_("How much would it cost you to send it back?"),
    kind="text",
    parser="money",
    skip_label=SKIP_DONT_KNOW,
    examples=MONEY_EXAMPLES,
    estimate_ok=True,
    estimate_checked=False,
)

# ---- Both branches ------------------------------------------------------------------------

DISPUTE_STAGE = Question(
    id="dispute_stage",
    prompt=N_("Is there a dispute on this order already?"),
    kind="choice",
    options=(
        Option(code="none", label=N_("No, not yet")),
        Option(code="open", label=N_("Yes, it is open, waiting for the seller")),
        # Walk CL: not offered, so "open, waiting for the seller" was the nearest answer, and
        # the advice waited for an answer already given instead of saying to escalate.
        Option(code="seller_rejected", label=N_("The seller rejected the dispute")),
        Option(code="seller_offer", label=N_("The seller made an offer in the dispute")),
        Option(code="seller_asks_to_close", label=N_("The seller asks me to close the dispute")),
        Option(
            code="seller_offplatform_offer",
            label=N_("The seller offers money outside AliExpress (PayPal, card)"),
        ),
        Option(code="escalated", label=N_("AliExpress has stepped in")),
        Option(code="evidence_requested", label=N_("AliExpress asks me for evidence")),
        Option(code="return_agreed", label=N_("The seller agreed to a return and gave an address")),
        Option(code="return_shipped", label=N_("I have sent the item back")),
        Option(code="won", label=N_("The dispute was decided in my favour")),
        Option(code="lost", label=N_("I lost the dispute")),
    ),
)

OFFER_SOLUTION = Question(
    id="offer_solution",
    prompt=N_("What does the seller offer?"),
    kind="choice",
    options=(
        Option(code="refund_only", label=N_("A refund, I keep the item")),
        Option(code="return_and_refund", label=N_("A refund after I send the item back")),
    ),
)

OFFER_AMOUNT = Question(
    id="offer_amount",
    prompt=N_("What amount does the seller offer?"),
    kind="text",
    parser="money",
    examples=MONEY_EXAMPLES,
)

REQUESTED_SOLUTION = Question(
    id="requested_solution",
    prompt=N_("What did you ask for when you opened the dispute?"),
    kind="choice",
    options=(
        Option(code="refund_only", label=N_("Refund only")),
        Option(code="return_and_refund", label=N_("Return and refund")),
    ),
)

REQUESTED_AMOUNT = Question(
    id="requested_amount",
    prompt=N_("What amount did you ask for in the dispute?"),
    kind="text",
    parser="money",
    skip_label=SKIP_DONT_REMEMBER,
    examples=MONEY_EXAMPLES,
)

# What an opened dispute asks, when the buyer just opened it: the offers that come later are
# judged against it, so it is not assumed to be the card's suggestion.
REQUESTED_AS = Question(
    id="requested_as",
    prompt=N_("What did you ask for in the dispute?"),
    kind="choice",
    options=(
        Option(code="advised", label=N_("What you advised")),
        Option(code="full", label=N_("A full refund")),
        Option(code="full_keep", label=N_("A full refund, I keep the item")),
        Option(code="full_return", label=N_("A full refund after I send the item back")),
        Option(code="other", label=N_("Something else")),
    ),
)

RECEIPT_CONFIRMED = Question(
    id="receipt_confirmed",
    prompt=N_("Have you pressed “Confirm receipt” for this order on AliExpress?"),
    kind="choice",
    options=(
        Option(code="no", label=N_("No, not yet")),
        Option(code="yes", label=N_("Yes")),
    ),
)

# No "I don't remember": the dispute window is counted from this day (15 days), and without it
# the advice would name no deadline at all. The order page has it; an estimate does too.
RECEIPT_DATE_HINT = N_(
    "Open the order on AliExpress: its details show the day receipt was confirmed. If you "
    "cannot find it, an estimate is better than nothing, such as “about 2 weeks ago”."
)

RECEIPT_DATE = Question(
    id="receipt_date",
    prompt=N_("When did you confirm receipt?"),
    kind="text",
    parser="date",
    hint=RECEIPT_DATE_HINT,
    examples=DATE_EXAMPLES,
)

PROTECTION_HINT = N_(
    "In the AliExpress app, open “My orders” and the order: the page says “Order shipped. Buyer"
    " Protection ends in: 59 days 14 hours 10 min”. Copy that line or type the end date. If it"
    " has already ended, send the day it ended, even roughly."
)
# After an extension "it has ended" is no answer (walk AX).
EXTENDED_HINT = N_(
    "In the AliExpress app, open “My orders” and the order: the page says “Order shipped. Buyer"
    " Protection ends in: 59 days 14 hours 10 min”. Copy that line or type the end date."
)
PROTECTION_EXAMPLES = N_("Examples: 12 days 14 hours; December 25; in 12 days.")

PROTECTION_END = Question(
    id="protection_end",
    prompt=N_("When does Buyer Protection end?"),
    kind="text",
    parser="protection_end",
    skip_label=SKIP_DONT_KNOW,
    hint=PROTECTION_HINT,
    examples=PROTECTION_EXAMPLES,
)

EVIDENCE = Question(
    id="evidence",
    prompt=N_("What evidence do you have? Choose all that apply, then press “Done”."),
    kind="multi",
    options=(
        Option(code="unboxing_video", label=N_("A video of unpacking the parcel")),
        Option(code="photos", label=N_("Photos of the problem")),
        Option(code="defect_video", label=N_("A video showing the defect")),
        Option(code="tracking_screenshot", label=N_("Screenshots of the tracking")),
        Option(code="chat_screenshot", label=N_("Screenshots of the chat with the seller")),
        Option(code="post_office_statement", label=N_("A statement from the post office")),
        Option(code="customs_document", label=N_("A document from customs")),
    ),
)

# The evidence follow-up of a saved order: only what it does not have yet is offered.
MORE_EVIDENCE = EVIDENCE.model_copy(
    update={
        "id": "more_evidence",
        "prompt": N_("What evidence do you have now? Choose all that apply, then press “Done”."),
    }
)

PRICE = Question(
    id="price",
    prompt=N_("How much did you pay for the order?"),
    kind="text",
    parser="money",
    skip_label=SKIP,
    hint=N_("The total on the order page, with shipping."),
    examples=MONEY_EXAMPLES,
    estimate_ok=True,
)

# Several pieces ordered: the price asked is the order's total, which the short-quantity refund
# is a share of (DOMAIN: price x missing / ordered); the listing shows the price of one.
TOTAL_PRICE_PROMPT = N_("How much did you pay for the whole order, all the pieces together?")

CURRENCY = Question(
    id="currency",
    prompt=N_("In which currency?"),
    kind="choice",
    options=(
        Option(code="usd", label=N_("US dollars")),
        Option(code="rub", label=N_("Russian roubles")),
        Option(code="eur", label=N_("Euros")),
        Option(code="uah", label=N_("Ukrainian hryvnias")),
        Option(code="kzt", label=N_("Kazakh tenge")),
        Option(code="byn", label=N_("Belarusian roubles")),
        Option(code="pln", label=N_("Polish zloty")),
        Option(code="gbp", label=N_("British pounds")),
        Option(code="cny", label=N_("Chinese yuan")),
    ),
)

ITEM = Question(
    id="item",
    prompt=N_("What did you order? A few words in English (Latin letters) are enough."),
    kind="text",
    parser="note",
    skip_label=SKIP,
    # English examples in every language: the item goes into the English dispute text as typed.
    examples=N_("Examples in English: wireless earbuds, a blue phone case."),
)

ORDER_NUMBER = Question(
    id="order_number",
    prompt=N_("What is the order number?"),
    kind="text",
    parser="order_number",
    skip_label=SKIP,
    hint=N_("It is on the order page, under “Order details”."),
    examples=N_("Example: 8123456789012345."),
)

# The texts that carry the note are the dispute's and the appeal's: the appeal's own prompt
# (walk A: a too-late order was asked about "the dispute text", and it has none).
DETAILS_APPEAL_PROMPT = N_("Anything to add to the appeal text? Write it in English, please.")

DETAILS = Question(
    id="details",
    prompt=N_("Anything to add to the dispute text? Write it in English, please."),
    kind="text",
    parser="note",
    skip_label=SKIP,
    # Walk AD: the note of an appeal alone was told about "the dispute text".
    hint=N_("The texts are in English; a note in another language cannot be pasted into them."),
    hint_kind="explain",
    examples=N_("Example: The seller stopped answering on March 3."),
)

# ---- "When did it happen?": a choice of today / yesterday / a typed date --------------------

EARLIER = "earlier"  # the option after which the date is typed
WHEN_OPTIONS = (
    Option(code="today", label=N_("Today")),
    Option(code="yesterday", label=N_("Yesterday")),
    Option(code=EARLIER, label=N_("Earlier, I will type the date")),
)


# The typed date of a dispute's step has no "I don't know": where to look, and that an
# estimate does (shown with a wrong answer too).
WHEN_HINT = N_(
    "The dispute page on AliExpress shows the date of each step. If you cannot find it, an "
    "estimate is better than nothing, such as “about a week ago”."
)


def when_questions(prefix: str, prompt: str, date_prompt: str) -> tuple[Question, Question]:
    """The pair of questions asking when something happened: the buttons, then the typed date."""
    choice = Question(id=f"{prefix}_when", prompt=prompt, kind="choice", options=WHEN_OPTIONS)
    typed = Question(
        id=f"{prefix}_date",
        prompt=date_prompt,
        kind="text",
        parser="date",
        examples=DATE_EXAMPLES,
        hint=WHEN_HINT,
    )
    return choice, typed


OPENED = when_questions(
    "opened", N_("When did you open the dispute?"), N_("Type the date you opened the dispute.")
)
# The new-order questionnaire's "the seller offers money outside AliExpress" may come before any
# dispute (walk of 2026-12-03: sellers offer PayPal in the order chat, and "When did you open the
# dispute?" had no answer for it): then the order goes on as one with no dispute yet.
NOT_OPENED = "not_opened"
OPENED_OR_NOT = (
    OPENED[0].model_copy(
        update={
            "options": (*WHEN_OPTIONS, Option(code=NOT_OPENED, label=N_("I have not opened one")))
        }
    ),
    OPENED[1],
)
EVIDENCE_REQUESTED = when_questions(
    "evreq",
    N_("When did AliExpress ask for evidence?"),
    N_("Type the date AliExpress asked for evidence."),
)
RETURN_AGREED = when_questions(
    "ret_agreed",
    N_("When did the seller agree to the return?"),
    N_("Type the date the seller agreed to the return."),
)
# Walk of 2026-12-03: "📮 Return agreed" on a dispute asking a refund while keeping the item
# turned the claim into a full return at the buyer's postage, unasked, where the seller had only
# asked for the item back (sellers switch refund only to a return, 002, 003).
RETURN_WHO = Question(
    id="return_who",
    prompt=N_(
        "Your dispute asks for a refund while you keep the item. A return means sending it back"
        " at your own cost, with the refund only after the seller gets it. Did you agree to it?"
    ),
    kind="choice",
    options=(
        Option(code="agreed", label=N_("Yes, I agreed to send it back")),
        Option(code="asked", label=N_("No, the seller asks me to send it back")),
    ),
)
RETURN_SHIPPED = when_questions(
    "ret_shipped",
    N_("When did you send the item back?"),
    N_("Type the date you sent the item back."),
)
WON = when_questions(
    "won", N_("When was the dispute decided?"), N_("Type the date the dispute was decided.")
)
# A dispute can be decided for less than it asked (walk of 2026-12-03: "won" took the whole ask,
# and the card and the refund reminder named money never awarded): the amount decided is asked.
WON_AMOUNT = Question(
    id="won_amount",
    prompt=N_("Did AliExpress decide to refund all you asked for?"),
    kind="choice",
    options=(
        Option(code="all", label=N_("Yes, all I asked for")),
        Option(code="less", label=N_("Less: I will type the amount")),
    ),
)
AWARDED_PROMPT = N_("What amount did AliExpress decide to refund?")
WON_AWARDED = Question(
    id="won_awarded",
    prompt=AWARDED_PROMPT,
    kind="text",
    parser="money",
    examples=MONEY_EXAMPLES,
)
ACCEPTED = when_questions(
    "accepted",
    N_("When did you accept the seller's offer?"),
    N_("Type the date you accepted the offer."),
)

NEW_PROTECTION_END = Question(
    id="new_protection_end",
    prompt=N_("When does Buyer Protection end now, after the extension?"),
    kind="text",
    parser="protection_end",
    # Walk of 2026-12-03: "I don't know" was refused, with no way on but back to the order, so
    # the extension was never recorded.
    skip_label=SKIP_DONT_KNOW,
    hint=EXTENDED_HINT,
    examples=PROTECTION_EXAMPLES,
)

# The new-order questionnaire's "the seller extended it" with no end known, or an old end passed
# (walk AF: the advice waited with no date, so no reminder at all came); "I don't know" too.
EXTENDED_END = Question(
    id="extended_end",
    prompt=NEW_PROTECTION_END.prompt,
    kind="text",
    parser="protection_end",
    skip_label=SKIP_DONT_KNOW,
    hint=EXTENDED_HINT,
    examples=PROTECTION_EXAMPLES,
)

# ---- Corrections of a saved order --------------------------------------------------------------

CORRECTION = Question(
    id="correction",
    prompt=N_("What do you want to correct?"),
    kind="choice",
    options=(
        Option(code="price", label=N_("The price I paid")),
        Option(code="item", label=N_("What I ordered")),
        # Walk (left alone since 2026-12-01): a mis-tapped problem could only be fixed by
        # starting a new order.
        Option(code="problem", label=N_("What is wrong with it")),
        # Walk BY: a note typed wrong could only be changed by starting a new order.
        Option(code="details", label=N_("My note for the texts")),
        Option(code="order_number", label=N_("The order number")),
        Option(code="tracking_number", label=N_("The tracking number")),
        Option(code="protection_end", label=N_("When Buyer Protection ends")),
        Option(code="shipped_on", label=N_("When the seller shipped it")),
        Option(code="shipping_method", label=N_("Which delivery I chose")),
        Option(code="receipt_date", label=N_("When I confirmed receipt")),
        Option(code="usable", label=N_("Whether I can still use it")),
        Option(code="prefer_return", label=N_("Whether I would send it back")),
        Option(code="return_cost", label=N_("What sending it back costs")),
        Option(code="quantities", label=N_("How many pieces I ordered and received")),
        Option(code="requested", label=N_("What I asked for in the dispute")),
        Option(code="opened_on", label=N_("When I opened the dispute")),
        Option(code="evreq_on", label=N_("When AliExpress asked for evidence")),
        Option(code="ret_agreed_on", label=N_("When the seller agreed to the return")),
        Option(code="ret_shipped_on", label=N_("When I sent the item back")),
        Option(code="won_on", label=N_("When the dispute was decided")),
        Option(code="accepted_on", label=N_("When I accepted the offer")),
    ),
)

SELLER_ANSWERED = Question(
    id="seller_answered",
    prompt=N_("Has the seller answered?"),
    kind="choice",
    options=(
        Option(code="no", label=N_("Not yet")),
        Option(code="yes", label=N_("Yes, but the problem is not solved")),
    ),
)
