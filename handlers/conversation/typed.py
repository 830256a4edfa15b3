"""Answers typed where buttons are offered: a label, a yes or no, "I don't know", "done"."""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from advisor.parsing.money import parse_money, read_currency
from advisor.questionnaire import Question
from advisor.questionnaire.questions import CURRENCY, UNKNOWN
from handlers.conversation.render import DONE_LABEL, NONE_LABEL
from locales import Translator

# "I don't know" typed in any of its usual forms (walk N: only the button's own words were
# taken).
_DONT_KNOW_WORDS = frozenset(
    {
        "не знаю",
        # Walk CK: typed without the space, as said.
        "незнаю",
        "не знаю точно",
        "хз",
        "не помню",
        "не знаю пока",
        "не уверен",
        "не уверена",
        "понятия не имею",
        "i don't know",
        "i dont know",
        "don't know",
        "dont know",
        "idk",
        "no idea",
        "not sure",
        "i'm not sure",
        "im not sure",
        "i don't remember",
        "i dont remember",
        "don't remember",
        "dont remember",
        "i do not remember",
        "do not remember",
    }
)
# At a question that can be skipped: an "I don't know", a "skip", or a "nothing".
_SKIP_WORDS = _DONT_KNOW_WORDS | frozenset(
    {
        "пропустить",
        "пропусти",
        "пропуск",
        "skip",
        "skip it",
        # "Anything to add?" - "no" (walk S: "Details: no" went into the dispute text).
        "nothing",
        "nothing to add",
        "ничего",
        "нечего",
        "нечего добавить",
        "ничего больше",
        "больше ничего",
        "нет ничего",
        # The empty Done's own words ("Done: none of these", walk AC).
        "none of these",
        "ничего из этого",
        "ничего из перечисленного",
        "ничего нет",
        "у меня ничего нет",
        "нету",
        "i have none",
        "i have nothing",
        "none yet",
        "nothing yet",
        "нет все",
        "неа",
        "nope",
        "none",
        "n a",
        "na",
        "that's all",
        "thats all",
        "no nothing else",
        "nothing else",
        "no thanks",
    }
)
# "Yes" to a typed answer held for confirmation ("✅ It is correct").
YES_WORDS = frozenset(
    {
        "да",
        "верно",
        "правильно",
        "все верно",
        "все правильно",
        "это верно",
        "ок",
        "окей",
        "yes",
        "correct",
        "right",
        "ok",
        "okay",
        "it is correct",
        "it's correct",
    }
)


def typed_words(text: str) -> str:
    """The text as the typed-answer checks compare it: lower-case words, no punctuation."""
    return _words(text)


def typed_skip_word(text: str) -> bool:
    """Whether the user typed an "I don't know" or a "nothing" of their own."""
    return _words(text) in _SKIP_WORDS


def typed_skip(question: Question, text: str, tr: Translator) -> bool:
    """Whether the user typed the question's skip button ("не помню" for "🤷 Не помню") or an
    "I don't know" of their own."""
    if question.skip_label is None:
        return False
    wanted = _words(text)
    return bool(wanted) and (
        wanted in (_words(tr.gettext(question.skip_label)), _words(question.skip_label))
        or wanted in _SKIP_WORDS
        or wanted in NO_WORDS
    )


def _words(text: str) -> str:
    """The text's letters and digits as lower-case words: emoji and punctuation dropped."""
    folded = text.casefold().replace("ё", "е")
    kept = "".join(char if char.isalnum() or char in " '’" else " " for char in folded)
    return " ".join(kept.replace("’", "'").split())


_YES_NO = frozenset({"да", "нет", "yes", "no"})
_NO = frozenset({"нет", "no"})
# A yes-or-no question has two options, three with "I don't know".
_YES_NO_OPTIONS = 3


def _ends(label: str) -> tuple[str, ...]:
    """A label's first and last words ("нет" and "нет" in "Нет, ещё нет")."""
    words = _words(label).split()
    return (words[0], words[-1]) if words else ()


NO_WORDS = frozenset({"нет", "no", "не надо", "not now", "no thanks", "нет спасибо"})


# Walk CJ: "отмена", "назад" typed at a date question were refused as no date.
_CANCEL_WORDS = frozenset({"отмена", "отменить", "стоп", "выход", "cancel", "stop", "quit"})
_BACK_WORDS = frozenset({"назад", "вернуться", "вернуться назад", "back", "go back"})


def typed_cancel(text: str) -> bool:
    """Whether the user typed the Cancel button's word ("отмена", "cancel")."""
    return _words(text) in _CANCEL_WORDS


def typed_back(text: str) -> bool:
    """Whether the user typed the Back button's word ("назад", "back")."""
    return _words(text) in _BACK_WORDS


def typed_no(text: str) -> bool:
    """Whether the user typed a plain "no"."""
    return _words(text) in NO_WORDS


def typed_yes(text: str) -> bool:
    """Whether the user typed a plain "yes" ("да", "верно", "ok")."""
    return _words(text) in YES_WORDS


def typed_done(text: str, tr: Translator) -> bool:
    """Whether the user typed a multi question's Done ("готово", "done") or its "None of these"
    label."""
    labels = (_words(tr.gettext(label)) for label in (DONE_LABEL, NONE_LABEL))
    return _words(text) in (*labels, "done", "готово")


def typed_dont_know(text: str) -> bool:
    """Whether the user typed an "I don't know" (not a "nothing" or a "no")."""
    return _words(text) in _DONT_KNOW_WORDS


# What was wrong, as people type it (walk of 2026-12-03: "the case is cracked, it came broken"
# got "choose one of the buttons"): taken when the words name one problem only.
_PROBLEM_WORDS = {
    "damaged": re.compile(
        r"\b(?:broken|cracked|smashed|damaged|dented|shattered|crushed|разбит\w*|треснут\w*"
        r"|треснул\w*|трещин\w*|поврежд\w*|помят\w*|раздавлен\w*|сломанн?\w*)\b"
    ),
    "not_working": re.compile(
        r"\b(?:not working|doesn'?t work|does not work|don'?t work|won'?t (?:turn|switch) on"
        r"|doesn'?t (?:turn|switch) on|does not (?:turn|switch) on|defective|faulty|dead"
        r"|не работает|не работают|не включается|не заряжается|брак\w*)\b"
    ),
    "counterfeit": re.compile(
        r"\b(?:fake|counterfeit|replica|knock ?off|подделк\w*|паль|фейк\w*)\b"
    ),
    "wrong_item": re.compile(
        r"\b(?:wrong item|different item|wrong product|not what i ordered|не тот товар"
        r"|другой товар|прислали не то)\b"
    ),
    "empty_package": re.compile(r"\b(?:empty|пуст\w*)\b"),
    "expired": re.compile(r"\b(?:expired|просроч\w*)\b"),
    # Second walk of 2026-12-03: "wrong colour", "маломерит", "got 3 of 5", "missing charger".
    "not_as_described": re.compile(
        r"\b(?:wrong colou?r|different colou?r|not as described|size (?:doesn'?t|does not) match"
        r"|не тот цвет|другой цвет|не соответствует описанию|размер не соответству\w*"
        r"|маломерит|большемерит)\b"
    ),
    "short_quantity": re.compile(
        r"\b(?:(?:got|received|came) [0-9]+ (?:of|out of) [0-9]+|fewer pieces|less pieces"
        r"|меньше штук|не все штуки|пришло меньше)\b"
    ),
    "missing_parts": re.compile(r"\b(?:missing|не хватает|нет в комплекте)\b"),
}
# Words that say the parcel came, after a "не" that makes them a no ("не пришла").
_ARRIVAL = re.compile(r"(?:пришл|пришел|получил|доставил|дошл|дошел|came|arrived|received|got)")
# A longer text is a story, not a pick: it may name a problem in passing.
_PROBLEM_MAX_WORDS = 8


def _problems_named(wanted: str) -> list[str]:
    """The problems a short text names (none for a longer story)."""
    if len(wanted.split()) > _PROBLEM_MAX_WORDS:
        return []
    return [code for code, words in _PROBLEM_WORDS.items() if words.search(wanted)]


def _named_problem(question: Question, wanted: str) -> str | None:
    """The one problem a short text names at "What is wrong?", or None."""
    if question.id != "problem":
        return None
    named = _problems_named(wanted)
    return named[0] if len(named) == 1 and named[0] in question.option_codes() else None


# The parcel's tracking status as people put it (walk of 2026-12-03: "в пути", "таможня",
# "не меняется", "нет информации" were all "please choose one of the options"). Checked on
# `_words` (ё as е); a "не"/"not" before a word that would mean the opposite is excluded.
_NOT = r"(?<!\bне )(?<!\bnot )"
_STATUS_WORDS = {
    "in_transit": re.compile(
        rf"\b(?:{_NOT}в пути|{_NOT}едет(?! обратно)|{_NOT}идет|{_NOT}движется|{_NOT}двигается"
        rf"|on (?:its|the) way|in transit|{_NOT}moving)\b"
    ),
    "not_updating": re.compile(
        r"\b(?:не (?:меняется|обновляется|двигается|движется|изменился|обновлялся)"
        r"|стоит на месте|стоит|висит|завис\w*|застрял\w*|stuck|no updates?"
        r"|not (?:updat\w*|moving|changing)"
        r"|(?:hasn'?t|has not|didn'?t) (?:changed|moved|updated))\b"
    ),
    "no_tracking": re.compile(
        r"\b(?:нет (?:информации|инфы|трека|трек номера|отслеживания|данных|статуса)"
        r"|не отслеживается|(?:отслеживание|трек) не работает|no (?:tracking|info\w*)"
        r"|tracking (?:doesn'?t|does not) work)\b"
    ),
    "at_customs": re.compile(r"\b(?:таможн\w*|customs)\b"),
    "returned_to_seller": re.compile(
        r"\b(?:возвраща\w* (?:продавцу|отправителю|обратно)|вернул\w* (?:продавцу|отправителю)"
        r"|возврат (?:отправителю|продавцу)|едет обратно|returned to (?:the )?seller"
        r"|being returned|return(?:ing|ed)? to sender|going back)\b"
    ),
    "delivered_not_received": re.compile(
        rf"\b(?:{_NOT}вручен\w*|{_NOT}доставлен\w*|{_NOT}delivered)\b"
    ),
    "wrong_address": re.compile(r"\b(?:не (?:на )?тот адрес|неправильн\w* адрес|wrong address)\b"),
    "tracking_other_address": re.compile(
        r"\b(?:друг(?:ой|ом|ому) город\w*|друго(?:му|й) получател\w*|another (?:city|recipient)"
        r"|someone else)\b"
    ),
}


def _named_status(question: Question, wanted: str) -> str | None:
    """The one tracking status a short text names at "What does the tracking show?", or None."""
    if question.id != "delivery_status" or len(wanted.split()) > _PROBLEM_MAX_WORDS:
        return None
    named = [code for code, words in _STATUS_WORDS.items() if words.search(wanted)]
    if set(named) == {"at_customs", "not_updating"}:
        named = ["at_customs"]  # "застряла на таможне": stuck is what customs does
    return named[0] if len(named) == 1 and named[0] in question.option_codes() else None


def _negates_no_arrival(wanted: str) -> bool:
    """A "не …" that is no "не пришла" ("не тот размер"): no "no" to "Have you received it?"."""
    words = wanted.split()
    return len(words) > 1 and words[0] in ("не", "not") and not _ARRIVAL.match(words[1])


# Questions whose options are the dispute's solutions (refund only, return and refund).
_SOLUTION_QUESTIONS = frozenset({"requested_solution", "offer_solution"})
_SOLUTION_WORDS = {
    **dict.fromkeys(
        # Not "возврат денег" or "a refund" alone: both solutions refund (walk S).
        ("только возврат денег", "только деньги", "refund only", "only a refund", "just a refund"),
        "refund_only",
    ),
    **dict.fromkeys(
        (
            "вернуть товар",
            "возврат товара",
            "возврат товара и денег",
            "отправить товар обратно",
            "return",
            "return and refund",
            "send it back",
            "return the item",
        ),
        "return_and_refund",
    ),
}


# A reply that opens with a yes or a no and goes on ("да пришла", "нет конечно", "yes i did",
# walk CM: refused); "да нет" is a Russian no.
_YES_LEAD = frozenset({"да", "ага", "угу", "yes", "yeah", "yep", "yup", "sure"})
_NO_LEAD = frozenset({"нет", "не", "неа", "no", "nope", "nah", "not"})
# The received question answered by what happened ("пришла", "посылка у меня", walk CM).
_RECEIVED_WORDS = {
    **dict.fromkeys(
        (
            "пришла",
            "пришло",
            "получил",
            "получила",
            "у меня",
            "arrived",
            "it arrived",
            "it came",
            "it has arrived",
            "got it",
            "i got it",
            "received",
        ),
        "yes",
    ),
    **dict.fromkeys(
        (
            "не пришла",
            "не пришло",
            "не получил",
            "не получила",
            "it didn't arrive",
            "it didnt arrive",
            "it hasn't arrived",
            "it hasnt arrived",
        ),
        "no",
    ),
}


def _yes_or_no(wanted: str) -> str:
    """A reply that opens with a yes or a no as that word alone ("нет конечно" is "нет");
    anything else unchanged."""
    words = wanted.split()
    if not words or wanted in _YES_NO or wanted in _DONT_KNOW_WORDS:
        return wanted  # "не знаю", "не помню": no "no"
    if words[0] in _NO_LEAD or words[:2] == ["да", "нет"]:
        return "no" if words[0] in ("no", "nope", "nah", "not") else "нет"
    # "Да, но он не отвечает" says more than yes: left to the labels, not taken as a yes.
    negated = any(word in _NO_LEAD for word in words[1:])
    if words[0] in _YES_LEAD and not negated:
        return "yes" if words[0] in ("yes", "yeah", "yep", "yup", "sure") else "да"
    return wanted


def _without_lead(wanted: str) -> str:
    """The words after an opening "да"/"yes" ("да пришла" is "пришла")."""
    words = wanted.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in _YES_LEAD else wanted


def _without_yes_or_no(label: str) -> str:
    """A label's words less its opening yes or no ("посылка у меня" of "Да, посылка у меня")."""
    words = label.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in _YES_NO else label


def typed_option(question: Question, text: str, tr: Translator) -> str | None:
    """The code of the option whose label (in `tr`'s language or English) the user typed; at a
    currency question also a currency typed alone, as a code, a sign or a word ("USD", "€")."""
    wanted = _words(text)
    for option in question.options:
        labels = (_words(tr.gettext(option.label)), _words(option.label))
        if wanted and (wanted in labels or wanted in map(_without_yes_or_no, labels)):
            return option.code
    if question.id == "received" and _RECEIVED_WORDS.get(_without_lead(wanted)):
        return _RECEIVED_WORDS[_without_lead(wanted)]
    if question.id == "received":
        # A problem with the item means it came (second walk of 2026-12-03: the "не" of "не
        # включается" was taken as "No, not arrived"); another "не …" is left to the buttons.
        if _problems_named(wanted):
            return "yes"
        if _negates_no_arrival(wanted):
            return None
    # "Не знаю" where an option means it ("Другую или не знаю", walk F).
    if wanted in _DONT_KNOW_WORDS and UNKNOWN.code in question.option_codes():
        return UNKNOWN.code
    # The dispute's solutions as people name them (walk Q: "возврат денег", "вернуть товар").
    if question.id in _SOLUTION_QUESTIONS:
        named = _SOLUTION_WORDS.get(wanted)
        if named in question.option_codes():
            return named
    if (problem := _named_problem(question, wanted)) is not None:
        return problem
    if (status := _named_status(question, wanted)) is not None:
        return status
    # A plain yes or no at a yes-or-no question: the one option whose label starts or ends
    # with it ("нет" for "Нет, не пришла" or "Пока нет", walk N). Not where several options
    # mean yes (an open dispute, an offer, a loss...) nor for other words: "a refund" starts
    # both of the offer's options (walk S).
    # A "no" is one option however many there are ("Нет, ещё нет" of nine); a "yes" may be
    # several of them, so only at a question of two or three options.
    wanted = _yes_or_no(wanted)
    if wanted in _YES_NO and (wanted in _NO or len(question.options) <= _YES_NO_OPTIONS):
        saying = [
            option.code
            for option in question.options
            if wanted in _ends(tr.gettext(option.label)) or wanted in _ends(option.label)
        ]
        if len(saying) == 1:
            return saying[0]
    # A currency alone: with an amount ("2000 rub") it would silently drop the new number.
    if question.id == CURRENCY.id and not any(char.isdigit() for char in text):
        codes = question.option_codes()
        currency = read_currency(text)
        if currency is not None and currency.lower() in codes:
            return currency.lower()
    return None


def typed_currency_of_amount(
    question: Question, text: str, amounts: Collection[Decimal]
) -> str | None:
    """At the currency question, an amount typed before typed again with its currency ("1 500
    руб" after "1500", "USD 7.99"): that currency's ISO code; None otherwise (walk of 2026-12-03:
    "1 500 руб" got "choose one of the buttons", and "рубли" typed next became the item)."""
    if question.id != CURRENCY.id or not any(char.isdigit() for char in text):
        return None
    parsed = parse_money(text)
    money = parsed.value
    if money is None or money.currency is None or money.amount not in amounts:
        return None
    return None if money.currency[0] == "X" else money.currency


def typed_other_amount(question: Question, text: str, amounts: Collection[Decimal]) -> bool:
    """At the currency question, an amount that is not the one typed before ("2 300 рублей"
    after "1500"; "150" after "15000", second walk of 2026-12-03, told to type a currency's
    code): another amount, which this question cannot take."""
    if question.id != CURRENCY.id or not amounts or not any(char.isdigit() for char in text):
        return False
    money = parse_money(text).value
    return money is not None and money.amount not in amounts


def typed_other_currency(question: Question, text: str) -> str | None:
    """At the currency question, a currency it has no button for, typed alone ("INR", "₹"):
    its ISO code; None otherwise (walk AM: "INR" got "choose one of the buttons")."""
    if question.id != CURRENCY.id or any(char.isdigit() for char in text):
        return None
    currency = read_currency(text)
    if currency is None or currency.lower() in question.option_codes() or currency[0] == "X":
        return None
    return currency
