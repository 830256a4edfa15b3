"""Answers to the questionnaire: `q:` buttons and typed messages while a question is shown."""

from __future__ import annotations

import datetime as dt
import html
import logging
from typing import Any

from telegram import Message, MessageOriginUser, Update
from telegram.ext import ContextTypes

from advisor.parsing import MAX_INPUT, Money, Parsed
from advisor.parsing.dates import DATE_UNREADABLE, DATE_UNREADABLE_PAST
from advisor.parsing.result import too_long
from advisor.questionnaire import (
    FlowState,
    Question,
    accept_held,
    accept_reading,
    amounts_currency,
    answer_choice,
    answer_text,
    answer_typed_currency,
    back,
    can_go_back,
    current_question,
    drop_held,
    finish_multi,
    held_answer,
    held_readings,
    hold_answer,
    keep_all_earlier,
    keep_earlier,
    needs_confirmation,
    skip,
    toggle_option,
)
from advisor.questionnaire.large_price import PRICE_LARGE_GO_BACK, large_in_chosen_currency
from advisor.questionnaire.new_flow import ALL_WORK_WORDS, FAULTY_HOW_MANY
from advisor.questionnaire.questions import (
    CURRENCY,
    DELIVERY_STATUS,
    EARLIER,
    NOT_OPENED,
    PROBLEM,
    QUANTITY_FAULTY,
    RECEIVED,
)
from advisor.timers import Timers
from handlers.callbacks import ForgedCallback, parse
from handlers.conversation import render, typed
from handlers.conversation.flow import (
    FLOW_QUESTION,
    Env,
    ask,
    env,
    open_order_card,
    start_over,
    state_of,
)
from handlers.conversation.read_back import typed_read_back
from handlers.errors import stale_button
from handlers.menu import main_menu_keyboard
from handlers.order_store import load_order
from handlers.screen import retire_keyboard, show
from handlers.start import greeting
from locales import N_, Translator
from storage import conversations
from storage.models import Conversation

log = logging.getLogger(__name__)


_OPS = frozenset(
    {
        render.CHOOSE,
        render.TOGGLE,
        render.DONE,
        render.SKIP,
        render.HINT,
        render.BACK,
        render.CANCEL,
        render.CANCEL_CONFIRMED,
        render.ACCEPT,
        render.OTHER_READING,
        render.FIX,
        render.KEEP,
        render.KEEP_ALL,
    }
)


def _notice(text: str) -> str:
    return "⚠️ " + html.escape(text)


# Said above the next question after some choices: (question, option) → the word.
OFFPLATFORM_BEFORE_DISPUTE = N_(
    "Do not take money outside AliExpress: a payment there has no Buyer Protection, and if it"
    " never comes, the time to open a dispute may have run out. The questions go on as for an"
    " order with no dispute yet."
)
_CHOICE_NOTICES = {("opened_when", NOT_OPENED): OFFPLATFORM_BEFORE_DISPUTE}


def _answer_notice(tr: Translator, parsed: Parsed[Any], currency: str | None = None) -> str | None:
    """What heads the next screen after a typed answer: its warning, else a date or an amount
    (in `currency`, the flow's, when typed without one) read back; an amount is read back
    above its warning (an estimate), which names no amount, and so is a date above a warning
    that names none (walk of 2026-12-03: "в начале октября" got only how a month is read)."""
    warning = parsed.warning_text(tr)
    read_back = typed_read_back(tr, parsed, currency)
    unnamed = isinstance(parsed.value, dt.date) and not {"date", "read"} & parsed.params.keys()
    if warning and read_back and (isinstance(parsed.value, Money) or unnamed):
        return read_back + "\n" + _notice(warning)
    return _notice(warning) if warning else read_back


def _next_state(
    state: FlowState,
    question: Question,
    op: str,
    code: str | None,
    today: dt.date,
    timers: Timers,
) -> FlowState:
    """The state after an answering button (choose, toggle, done, skip); ForgedCallback if it
    does not fit the current question. Pure, so it runs before the query is answered."""
    try:
        if op == render.CHOOSE and code is not None and question.kind == "choice":
            return answer_choice(state, code, today, timers=timers)
        if op == render.TOGGLE and code is not None and question.kind == "multi":
            return toggle_option(state, code, today, timers=timers)
        if op == render.DONE and code is None and question.kind == "multi":
            return finish_multi(state, today, timers=timers)
        if op == render.SKIP and code is None and question.skip_label:
            return skip(state, today, timers=timers)
        if op == render.ACCEPT and code is None:
            return accept_held(state, today, timers=timers)
        if op == render.FIX and code is None and question.kind == "text":
            return drop_held(state, today, timers=timers)
        if op == render.KEEP and code is None:
            return keep_earlier(state, today, timers=timers)
        raise ValueError(f"{op}:{code} does not fit question {question.id}")
    except ValueError as error:  # e.g. an option code the question does not have
        raise ForgedCallback(str(error)[:80]) from error


async def _apply_button(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: FlowState,
    op: str,
    order_id: int | None,
) -> None:
    """Carry out a button that does not answer: cancel, hint or back (query already answered)."""
    e = env(context)
    if op == render.CANCEL:
        await conversations.clear(e.rt.db, e.user.user_id)
        # A follow-up came from its order's card: cancelling goes back there, unchanged.
        if order_id is not None and await load_order(e.rt, e.user, order_id, e.today):
            await open_order_card(update, context, order_id, edit=True)
            return
        text = html.escape(e.tr.gettext("Cancelled. Your saved orders are untouched."))
        await show(update, text, main_menu_keyboard(), edit=True)
        return
    if op == render.HINT:
        await ask(update, context, state, edit=True, order_id=order_id, show_hint=True)
        return
    if not can_go_back(state):
        # Back from the first question: to the main menu it was started from (with more than a
        # couple of answers at stake, once the buyer said so: see `on_button`).
        await conversations.clear(e.rt.db, e.user.user_id)
        await show(update, html.escape(greeting()), main_menu_keyboard(), edit=True)
        return
    # The question asked again reads the undone answer back, with a button to keep it.
    await ask(update, context, back(state), edit=True, order_id=order_id)


def answers_given(state: FlowState) -> int:
    """The answers Cancel would lose: those given, and those Back took that are still offered
    again (walk BE: five answers stepped back over went without a word); skips and empty
    selections are none (review V)."""
    given = {qid for qid in state.history if state.answers.get(qid) not in (None, [])}
    taken_back = {qid for qid, value in state.earlier.items() if value not in (None, [])}
    return len(given | taken_back)


async def ask_to_stop(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: FlowState,
    question: Question,
    order_id: int | None,
    *,
    edit: bool,
) -> None:
    """Show "Stop this questionnaire?" and remember it is on screen (a typed yes answers it).
    As a new message, the question it stands for loses its buttons (walk AR: both copies
    answered)."""
    e = env(context)
    if not edit:
        shown = await conversations.get(e.rt.db, e.user.user_id)
        if shown is not None and shown.message_id is not None:
            await retire_keyboard(context.bot, e.user.user_id, shown.message_id)
    text, keyboard = render.cancel_confirmation(question, answers_given(state), e.tr)
    message_id = await show(update, text, keyboard, edit=edit)
    asked = state.model_copy(update={"cancel_asked": True}).model_dump(mode="json")
    await conversations.save(
        e.rt.db, e.user.user_id, FLOW_QUESTION, asked, order_id=order_id, message_id=message_id
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A `q:` button: answer, toggle, skip, hint, back, cancel, or continue / start over."""
    query = update.callback_query
    if query is None:
        return
    parts = parse(query.data, render.NAMESPACE, (1, 2, 3))
    e = env(context)
    # Its screen's button brings it back from hold (typing a time zone) too.
    conversation = await conversations.unsuspend(e.rt.db, e.user.user_id)
    state = state_of(conversation)
    if parts == [render.RESTART]:
        await start_over(update, context)
        return
    if len(parts) == 1 and parts[0] != render.RESUME:
        raise ForgedCallback(parts[0])
    if state is None or conversation is None:
        await stale_button(update, context)
        return
    question = current_question(state, e.today, timers=e.timers)
    if parts == [render.RESUME]:
        await query.answer()
        # The question moves into the pressed message: its older copy loses its buttons.
        pressed = query.message.message_id if isinstance(query.message, Message) else None
        if conversation.message_id not in (None, pressed):
            await retire_keyboard(context.bot, e.user.user_id, conversation.message_id)
        await ask(update, context, state, edit=True, order_id=conversation.order_id)
        return
    qid, op, *rest = parts
    pressed = query.message.message_id if query.message is not None else None
    stop_shown = state.cancel_asked and conversation.message_id in (None, pressed)
    if question is None or qid != question.id or (op == render.CANCEL_CONFIRMED and not stop_shown):
        # A button of an earlier question: show the current one again instead. An old "Stop?"
        # too: the questionnaire it asked about was replaced since (review AV: it stopped a new
        # one, started over up to the same question, without asking).
        log.info("button for question %r while %r is current", qid, question and question.id)
        await query.answer(e.tr.gettext("This menu is out of date."))
        notice = _notice(
            e.tr.gettext("That button belongs to an earlier question. Here is the current one:")
        )
        await ask(update, context, state, edit=False, order_id=conversation.order_id, notice=notice)
        return
    code = rest[0] if rest else None
    if (op in (render.CHOOSE, render.TOGGLE)) != (code is not None) or op not in _OPS:
        raise ForgedCallback(str(query.data))
    order_id = conversation.order_id
    leaves = op == render.CANCEL or (op == render.BACK and not can_go_back(state))
    if leaves and order_id is None and answers_given(state) >= render.CONFIRM_CANCEL_FROM:
        # Many answers would go at one tap (walk W), Back from the first question too, after
        # stepping back over the others (walk BE): asked first; the question stays stored.
        await query.answer()
        await ask_to_stop(update, context, state, question, order_id, edit=True)
        return
    if op == render.CANCEL_CONFIRMED:
        op = render.CANCEL
    if op in (render.CANCEL, render.HINT, render.BACK):
        if op == render.BACK and not can_go_back(state) and state.base is not None:
            raise ForgedCallback(str(query.data))
        toast = None
        if op == render.CANCEL and order_id is not None and answers_given(state):
            # Walk of 2026-12-03: "Noted: $50.00", then "Back to the order" dropped it unsaid.
            toast = e.tr.gettext(FOLLOWUP_LEFT_UNSAVED)
        await query.answer(toast)
        await _apply_button(update, context, state, op, order_id)
        return
    if op == render.KEEP_ALL and code is None:
        await _keep_all(update, context, state, order_id)
        return
    # Validated before the query is answered: a forged code is answered once, by the error
    # handler, with "this menu is out of date".
    if op in (render.ACCEPT, render.OTHER_READING) and code is None:
        if held_readings(state, e.today, timers=e.timers) is not None:
            await _take_reading(update, context, state, op == render.OTHER_READING, order_id)
            return
    new_state = _next_state(state, question, op, code, e.today, e.timers)
    await query.answer()
    said = _CHOICE_NOTICES.get((question.id, code or "")) if op == render.CHOOSE else None
    notice = _notice(e.tr.gettext(said)) if said is not None else None
    if question.id == CURRENCY.id:
        notice = _large_price_notice(e.tr, new_state)
    await ask(update, context, new_state, edit=True, order_id=order_id, notice=notice)


async def _take_reading(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: FlowState,
    month_first: bool,
    order_id: int | None,
) -> None:
    """A held slash date's reading pressed: answered with it, read back (with a word when a
    protection end is far ahead) above the next question."""
    e = env(context)
    try:
        new_state, parsed = accept_reading(state, e.today, month_first, timers=e.timers)
    except ValueError as error:
        raise ForgedCallback(str(error)[:80]) from error
    assert update.callback_query is not None
    await update.callback_query.answer()
    notice = _answer_notice(e.tr, parsed)
    await ask(update, context, new_state, edit=True, order_id=order_id, notice=notice)


async def _keep_all(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: FlowState, order_id: int | None
) -> None:
    """Keep the earlier answers Back took, one question after another, until one no longer
    fits or none is left: the user goes on from there, told how many were kept."""
    e = env(context)
    query = update.callback_query
    assert query is not None
    try:
        kept_state, kept = keep_all_earlier(state, e.today, timers=e.timers)
    except ValueError as error:  # nothing to keep here: the button was not on this screen
        raise ForgedCallback(str(error)[:80]) from error
    await query.answer()
    notice = "↩️ " + html.escape(
        e.tr.ngettext("%(n)s earlier answer kept.", "%(n)s earlier answers kept.", kept)
        % {"n": kept}
    )
    stopped_at = current_question(kept_state, e.today, timers=e.timers)
    if stopped_at is not None and stopped_at.id == "details" and kept_state.earlier.get("details"):
        # Walks of 2026-12-03: it stopped at the note with no word why, and read as not working.
        notice += " " + html.escape(e.tr.gettext(KEEP_ALL_STOPS_AT_NOTE))
    await ask(update, context, kept_state, edit=True, order_id=order_id, notice=notice)


FOLLOWUP_LEFT_UNSAVED = N_(
    "Not saved: the order is as it was. To change it, answer the questions to the end."
)

# Keep all never keeps the buyer's note unseen (advisor.questionnaire.flow.keep_all_earlier).
KEEP_ALL_STOPS_AT_NOTE = N_(
    "Your note about the problem is next, to check that it still fits: keep it or write a new one."
)


def _caption_answer(state: FlowState, question: Question, message: object, e: Env) -> str | None:
    """The caption of a photo or a file sent at a text question when it answers the question
    (a screenshot of the tracking page with the number typed under it): read as if typed. Not a
    caption that does not, nor one at a free-text question (the item, the note), which any words
    would answer ("look at this"): the photo gets its own notice then."""
    if not isinstance(message, Message) or not message.caption or question.kind != "text":
        return None
    if question.parser == "note":
        return None
    caption = message.caption
    if too_long(caption, MAX_INPUT) is not None:
        return None
    _answered, parsed = answer_text(state, caption, e.today, timers=e.timers, now=e.now)
    return caption if parsed.ok else None


FORWARDED_NOT_YOURS = N_(
    "That is a forwarded message: please type your own answer to the question below."
)
FORWARDED_WHEN = N_(
    "That is a forwarded message, and a date in it may count from the day it was written"
    " (“yesterday”, “in 12 days”). Please answer the question below yourself."
)
# The options of the questions answered with a day ("Today", "Yesterday", "Earlier", a date).
_DAY_OPTIONS = frozenset({"today", "yesterday", EARLIER, "date"})
# The questions whose answer a forwarded message may be read as (see `_forwarded_refusal`).
_RELATIVE_PARSERS = frozenset({"date", "protection_end"})


def _forwarded_refusal(question: Question, message: object) -> str | None:
    """Why a forwarded message is not read as the answer (a msgid), or None when it is.

    Not at a free-text question, where it would become the buyer's own words (walk BE: the
    seller's "close the dispute and I will send 5 USD by PayPal", forwarded at "What did you
    order?", became the item of the dispute text); nor at a date, typed or a day's button,
    where "yesterday" or "12 days 14 hours" means another day than when it was written (walks
    BG, BK). An amount, a number, another button's word, or the buyer's own words forwarded
    back are read as typed."""
    if not isinstance(message, Message) or message.forward_origin is None:
        return None
    typed_day = question.kind == "text" and question.parser in _RELATIVE_PARSERS
    # "Yesterday" forwarded three days on is not yesterday (walk BK, review BL).
    day_button = question.kind == "choice" and bool(_DAY_OPTIONS & set(question.option_codes()))
    if typed_day or day_button:
        return FORWARDED_WHEN
    origin = message.forward_origin
    own = (
        isinstance(origin, MessageOriginUser)
        and message.from_user is not None
        and origin.sender_user.id == message.from_user.id
    )
    if question.kind == "text" and question.parser == "note" and not own:
        return FORWARDED_NOT_YOURS
    return None


def _wrong_type_notice(question: Question, tr: Translator, message: object = None) -> str:
    if isinstance(message, Message) and message.document:
        # Walk AM: a PDF got "photos or videos"; as outside a questionnaire (text_router).
        return tr.gettext(
            "No need to send me files: attach your evidence to the dispute on AliExpress. "
            "Now please answer the question below."
        )
    if isinstance(message, Message) and (message.voice or message.audio):
        # Walk CB: a voice message got the bare "choose one of the buttons".
        if question.kind == "text":
            return tr.gettext(
                "I cannot listen to voice messages. Please type the answer as a text message."
            )
        return tr.gettext(
            "I cannot listen to voice messages. Please choose one of the buttons below."
        )
    if isinstance(message, Message) and (message.photo or message.video or message.video_note):
        # Evidence sent to the bot: it belongs in the dispute, and the question still waits.
        return tr.gettext(
            "No need to send me photos or videos: attach them to the dispute on AliExpress. "
            "Now please answer the question below."
        )
    if question.kind == "text":
        return tr.gettext("Please type the answer as a text message.")
    return tr.gettext("Please choose one of the buttons below.")


def _currency_read_back(tr: Translator, state: FlowState, currency: str) -> str:
    """The amount typed without a currency, read back in the one typed after it."""
    amounts = render.amounts_without_currency(state)
    if not amounts:
        return ""
    parsed: Parsed[Any] = Parsed(value=Money(amount=amounts[0], currency=None))
    return typed_read_back(tr, parsed, currency) or ""


def _choice_read_back(tr: Translator, question: Question, code: str) -> str:
    """The option a typed description was taken as ("came broken": arrived damaged; "не
    включается": the parcel arrived), so a wrong pick shows at once."""
    label = next(tr.gettext(option.label) for option in question.options if option.code == code)
    noted = tr.gettext("Noted: %(answer)s. If that is not it, press “⬅️ Back”.")
    return "✅ " + html.escape(noted % {"answer": label})


def _large_price_notice(tr: Translator, state: FlowState) -> str | None:
    """After the currency: the price typed without one, if that large in it ("15000", USD)."""
    held = large_in_chosen_currency(state.answers, state.history)
    if held is None:
        return None
    return _notice(f"{held.warning_text(tr)} {tr.gettext(PRICE_LARGE_GO_BACK)}")


def _choose_notice(question: Question, text: str, tr: Translator, state: FlowState) -> str:
    """What to say to a text typed where only the buttons answer."""
    typed_before = render.amounts_without_currency(state)
    if typed.typed_other_amount(question, text, typed_before):
        # Walk of 2026-12-03: "2 300 рублей" after "1,5 тыс" was told to type a currency code.
        amounts = render.amounts_text(tr, typed_before)
        return tr.gettext(
            "That is another amount than the one you typed before (%(amounts)s). To change the"
            " amount, press “⬅️ Back”; to keep it, choose its currency below."
        ) % {"amounts": amounts}
    if question.id == CURRENCY.id:
        # Walk AM: a currency with no button had no way in, and nothing said there was one.
        return tr.gettext(
            "Please choose one of the buttons below, or type your currency's code, for example:"
            " INR."
        )
    if typed.typed_dont_know(text):
        # No "I don't know" among them: the advice needs one (walk F: "не знаю" was rebuked).
        return tr.gettext(
            "I need one of these answers to advise you: if you are not sure, choose the one"
            " that fits best."
        )
    return _wrong_type_notice(question, tr)


# The options that lead to a typed date: "Earlier" of When?, "I will type the date" of the
# tracking's last change.
TYPED_DATE_OPTIONS = (EARLIER, "date")


def _typed_earlier_date(
    state: FlowState, question: Question, text: str, today: dt.date, timers: Timers
) -> tuple[FlowState, Parsed[Any] | None] | None:
    """A date typed at "When?" (Today / Yesterday / Earlier) or at the tracking's last change:
    the option for a typed date and the date in one go, as if typed at the date question (a
    date that reads both ways held there for "It is correct", with no parse then); the state
    as it was with the refusal for a date that cannot be; None when the question is another or
    the text is no date."""
    typed_code = next((c for c in TYPED_DATE_OPTIONS if c in question.option_codes()), None)
    if typed_code is None:
        return None
    earlier = answer_choice(state, typed_code, today, timers=timers)
    dated, parsed = answer_text(earlier, text, today, timers=timers)
    if not parsed.ok:
        # A date that cannot be (still ahead, no such day) is said so, the question kept (walk
        # C: "tomorrow" got "choose one of the buttons"); no date at all is for the buttons.
        return None if parsed.error in _NO_DATE else (state, parsed)
    if needs_confirmation(parsed):
        return hold_answer(earlier, text, today, timers=timers), None
    return dated, parsed


# The date parser's "this is no date": the text is something else, and the buttons answer.
_NO_DATE = frozenset({DATE_UNREADABLE, DATE_UNREADABLE_PAST})


async def on_message(
    update: Update, context: ContextTypes.DEFAULT_TYPE, conversation: Conversation
) -> None:
    """A message while a question is shown: a typed answer, or something to explain."""
    message = update.effective_message
    e = env(context)
    state = state_of(conversation)
    if message is None or state is None:
        return
    question = current_question(state, e.today, timers=e.timers)
    order_id = conversation.order_id
    if question is None:
        await ask(update, context, state, edit=False, order_id=order_id)
        return
    text = message.text if isinstance(message, Message) else None
    if text is None:
        text = _caption_answer(state, question, message, e)
    if text is None:
        notice = _notice(_wrong_type_notice(question, e.tr, message))
        await ask(update, context, state, edit=False, order_id=order_id, notice=notice)
        return
    forwarded = _forwarded_refusal(question, message)
    if forwarded is not None:
        notice = _notice(e.tr.gettext(forwarded))
        await ask(update, context, state, edit=False, order_id=order_id, notice=notice)
        return
    if state.cancel_asked and typed.typed_yes(text):
        # "Yes" after "Stop this questionnaire?" (walk S: it answered the question behind).
        # The stop is asked again, to be pressed: another screen may have come in between
        # (walk T2: /start, then "да" meant "continue", and the answers went).
        await ask_to_stop(update, context, state, question, order_id, edit=False)
        return
    if state.cancel_asked and typed.typed_no(text):
        await ask(update, context, state, edit=False, order_id=order_id)
        return
    if typed.typed_cancel(text):
        await ask_to_stop(update, context, state, question, order_id, edit=False)
        return
    if typed.typed_back(text) and can_go_back(state):
        await ask(update, context, back(state), edit=False, order_id=order_id)
        return
    refused = too_long(text, MAX_INPUT)
    if refused is not None and question.parser == "note":
        # Its reader refuses it at once naming the note's own limit (walk CK: "1,000", then
        # "120" once shortened to 900).
        _same, refused = answer_text(state, text, e.today, timers=e.timers, now=e.now)
    if refused is not None:
        notice = _notice(refused.error_text(e.tr))
        await ask(update, context, state, edit=False, order_id=order_id, notice=notice)
        return
    if question.kind == "choice":
        code = typed.typed_option(question, text, e.tr)
        if code is not None:
            chosen = answer_choice(state, code, e.today, timers=e.timers)
            notice = _large_price_notice(e.tr, chosen) if question.id == CURRENCY.id else None
            if question.id in (PROBLEM.id, RECEIVED.id, DELIVERY_STATUS.id):
                notice = _choice_read_back(e.tr, question, code)
            await ask(update, context, chosen, edit=False, order_id=order_id, notice=notice)
            return
        other = typed.typed_other_currency(question, text) or typed.typed_currency_of_amount(
            question, text, render.amounts_without_currency(state)
        )
        if other is not None:
            priced = answer_typed_currency(state, other, e.today, timers=e.timers)
            read_back = _currency_read_back(e.tr, priced, other)
            large = _large_price_notice(e.tr, priced)
            notice = f"{read_back}\n{large}" if read_back and large else read_back or large
            await ask(update, context, priced, edit=False, order_id=order_id, notice=notice)
            return
        typed_date = _typed_earlier_date(state, question, text, e.today, e.timers)
        if typed_date is not None:
            dated, parsed_date = typed_date
            if parsed_date is not None and not parsed_date.ok:
                notice = _notice(parsed_date.error_text(e.tr))
            else:
                notice = _answer_notice(e.tr, parsed_date) if parsed_date else None
            await ask(update, context, dated, edit=False, order_id=order_id, notice=notice)
            return
    if question.kind == "multi":
        # "Готово", or an option's label typed: as its button (walk N); "no" or "nothing"
        # with nothing ticked: none of them (walk T2).
        nothing = typed.typed_no(text) or typed.typed_skip_word(text)
        if typed.typed_done(text, e.tr) or (nothing and not state.answers.get(question.id)):
            done = finish_multi(state, e.today, timers=e.timers)
            await ask(update, context, done, edit=False, order_id=order_id)
            return
        code = typed.typed_option(question, text, e.tr)
        if code is not None:
            ticked = toggle_option(state, code, e.today, timers=e.timers)
            await ask(update, context, ticked, edit=False, order_id=order_id)
            return
    held = held_answer(state, e.today, timers=e.timers) if question.kind == "text" else None
    if held is not None and typed.typed_yes(text):
        if held_readings(state, e.today, timers=e.timers) is not None:
            # "Yes" to "which of the two dates?" names neither: the two asked again.
            await ask(update, context, state, edit=False, order_id=order_id)
            return
        # "Да" to a typed answer held for confirmation: as "✅ It is correct" (walk N), with
        # the date read back as any typed one (walk S).
        accepted = accept_held(state, e.today, timers=e.timers)
        notice = typed_read_back(e.tr, held[1], None)
        await ask(update, context, accepted, edit=False, order_id=order_id, notice=notice)
        return
    if held is not None and typed.typed_no(text):
        # "No": as "✏️ I will fix it", the question asked afresh (walk S: "could not read").
        dropped = drop_held(state, e.today, timers=e.timers)
        await ask(update, context, dropped, edit=False, order_id=order_id)
        return
    if question.id == QUANTITY_FAULTY.id and typed.typed_no(text):
        # "No" to "Do all the pieces that came work?" is not "they all work" (its skip).
        notice = _notice(e.tr.gettext(FAULTY_HOW_MANY))
        await ask(update, context, state, edit=False, order_id=order_id, notice=notice)
        return
    if question.id == QUANTITY_FAULTY.id and typed.typed_words(text) in ALL_WORK_WORDS:
        await ask(
            update, context, skip(state, e.today, timers=e.timers), edit=False, order_id=order_id
        )
        return
    if question.kind == "text" and typed.typed_skip(question, text, e.tr):
        await ask(
            update, context, skip(state, e.today, timers=e.timers), edit=False, order_id=order_id
        )
        return
    if question.kind != "text":
        notice = _notice(_choose_notice(question, text, e.tr, state))
        # A question typed back ("а где это смотреть?", walk F): where to find the answer.
        hint = question.hint is not None
        await ask(
            update, context, state, edit=False, order_id=order_id, notice=notice, show_hint=hint
        )
        return
    new_state, parsed = answer_text(state, text, e.today, timers=e.timers, now=e.now)
    if not parsed.ok:
        notice = _notice(parsed.error_text(e.tr))
        # A question that cannot be skipped ("When did you confirm receipt?"): its hint says
        # where to find the answer, or what to give instead ("I can't find it", walk I).
        stuck = question.skip_label is None and question.hint is not None
        await ask(
            update, context, state, edit=False, order_id=order_id, notice=notice, show_hint=stuck
        )
        return
    if needs_confirmation(parsed):
        # A probable typo (a tracking number failing its check digit) waits on the question:
        # the screen shows the warning with "It is correct" / "I will fix it".
        held = hold_answer(state, text, e.today, timers=e.timers)
        await ask(update, context, held, edit=False, order_id=order_id)
        return
    # Only an amount typed without a currency needs the flow's (it rebuilds the flow's context).
    bare_amount = isinstance(parsed.value, Money) and parsed.value.currency is None
    currency = amounts_currency(new_state, e.today, timers=e.timers) if bare_amount else None
    notice = _answer_notice(e.tr, parsed, currency)
    await ask(update, context, new_state, edit=False, order_id=order_id, notice=notice)
