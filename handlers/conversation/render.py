"""A questionnaire question as a Telegram screen: HTML text and its inline keyboard."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from advisor.amounts import example_amounts
from advisor.parsing.money import parse_money
from advisor.questionnaire import (
    FlowState,
    Option,
    Question,
    advised_claim,
    amounts_currency,
    asked_in_dispute,
    can_go_back,
    earlier_answer,
    held_answer,
    held_readings,
    keep_all_earlier,
    progress,
    required_currency,
    selected_options,
)
from advisor.questionnaire.new_answers import MONEY_IDS
from advisor.timers import DEFAULT_TIMERS, Timers
from handlers.callbacks import make
from handlers.conversation.read_back import earlier_line
from handlers.conversation.saved_detail import saved_detail_line
from handlers.dispute_lines import terms_text
from handlers.frozen_keyboard import FrozenKeyboard
from handlers.menu import back_to_menu_button
from locales import N_, Translator, fill

NAMESPACE = "q"
# Operations of `q:<question id>:<op>[:<option code>]` buttons.
CHOOSE, TOGGLE, DONE, SKIP, HINT, BACK, CANCEL = "c", "t", "done", "skip", "hint", "back", "x"
# Keep the answer Back took from this question; keep it and the next ones Back took too.
KEEP, KEEP_ALL = "keep", "keepall"
# Cancel confirmed: a questionnaire with answers worth keeping asks before dropping them.
CANCEL_CONFIRMED = "xx"
# From this many answers on, Cancel asks first (fewer are quickly given again).
CONFIRM_CANCEL_FROM = 3
# Keep or retype a typed answer that parsed with a warning (held on its question).
ACCEPT, FIX = "ok", "fix"
# A held slash date taken month first (12/5 as December 5, as in the US); ACCEPT is day first.
OTHER_READING = "alt"
# Buttons of the "continue or start over?" offer, not tied to one question.
RESUME, RESTART = "resume", "restart"
CHECKED = "✅ "
# Examples of an amount that must be in the order's currency (`_examples`).
AMOUNT_EXAMPLES_IN = N_("Examples: %(number)s, %(amount)s (in %(currency)s, the order's currency).")
HINT_LABELS = {
    "locate": N_("❓ Where do I find this?"),
    "explain": N_("❓ What does this mean?"),
}


def question_text(
    question: Question,
    state: FlowState,
    today: dt.date,
    tr: Translator,
    *,
    timers: Timers = DEFAULT_TIMERS,
    notice: str | None = None,
    show_hint: bool = False,
    order: str | None = None,
) -> str:
    """The question's HTML: an optional notice first, the counter (or a follow-up's `order`
    name), the prompt, examples, hint."""
    answered, total = progress(state, today, timers=timers)
    held = held_answer(state, today, timers=timers)
    lines: list[str] = []
    if notice is None and held is not None:
        warning = held[1].warning_text(tr)
        notice = "⚠️ " + html.escape(warning) if warning else None
    earlier = earlier_answer(state, today, timers=timers)
    if earlier is not None:
        currency = amounts_currency(state, today, timers=timers) or _earlier_currency(state)
        notice = "\n\n".join(
            filter(None, [notice, earlier_line(tr, question, earlier[0], currency)])
        )
    if notice:
        lines += [notice, ""]
    prompt = f"<b>{html.escape(tr.gettext(question.prompt))}</b>"
    if state.base is None:
        counter = f"{min(answered + 1, total)}/{total}"
        lines.append(f"<b>{counter}</b> · {prompt}")
    else:
        # A follow-up asks one to three questions: a counter there ("1/2", then "2/3") only
        # shows the estimate moving. The order it changes is named instead (walk BV: asked
        # under two reminders, the question named neither order).
        if order:
            lines.append(f"📦 {html.escape(order)}")
        lines.append(prompt)
    advised = _advised_line(question, state, today, tr, timers)
    if advised is not None:
        lines.append(advised)
    saved_now = saved_detail_line(tr, question, state)
    if saved_now is not None:
        lines.append(saved_now)
    if question.id == "currency" and (typed := amounts_without_currency(state)):
        # Walk of 2026-12-03: asked after other questions, "In which currency?" had lost what
        # it was about.
        amounts = amounts_text(tr, typed)
        about = tr.ngettext(
            "For the amount you typed: %(amounts)s",
            "For the amounts you typed: %(amounts)s",
            len(typed),
        )
        lines.append(html.escape(about % {"amounts": amounts}))
    if held is not None:
        typed = f"<code>{html.escape(held[0])}</code>"
        lines.append(tr.gettext("You typed: %(answer)s") % {"answer": typed})
        if held_readings(state, today, timers=timers) is not None:
            confirm = tr.gettext(
                "Press the date you meant, or type it again with the month's name."
            )
        else:
            confirm = tr.gettext("If it is right, press “✅ It is correct”; if not, type it again.")
        lines.append(html.escape(confirm))
    elif question.kind == "text":
        examples = _examples(question, state, today, tr, timers)
        if examples:
            lines.append(f"<i>{html.escape(examples)}</i>")
        lines.append(html.escape(tr.gettext("Type the answer in a message.")))
    if show_hint and question.hint:
        lines += ["", "💡 " + html.escape(tr.gettext(question.hint))]
    return "\n".join(lines)


def amounts_without_currency(state: FlowState) -> list[Decimal]:
    """The amounts typed without a currency, which the currency question asks about."""
    return [
        Decimal(value[0])
        for qid in MONEY_IDS
        if isinstance(value := state.answers.get(qid), list) and value[1:] == [None]
    ]


def amounts_text(tr: Translator, amounts: list[Decimal]) -> str:
    """Amounts typed without a currency, as the language writes numbers, one after another."""
    return ", ".join(tr.format_amount(amount) for amount in amounts)


def _earlier_currency(state: FlowState) -> str | None:
    """The currency chosen after an amount typed without one, which Back took too (review AV:
    "you answered: 5,000.00" with no currency)."""
    chosen = state.earlier.get("currency")
    return chosen.upper() if isinstance(chosen, str) and len(chosen) == 3 else None


def _advised_line(
    question: Question, state: FlowState, today: dt.date, tr: Translator, timers: Timers
) -> str | None:
    """Under "What did you ask for in the dispute?": what "What you advised" stands for; under
    "Did AliExpress decide to refund all you asked for?", what that was."""
    if question.id == "won_amount" and state.base is not None:
        asked = asked_in_dispute(state, today, timers=timers)
        if asked is None:
            return None
        currency = str(state.base.get("currency") or "USD")
        money = html.escape(tr.format_money(asked, currency))
        return tr.gettext("You asked for: %(terms)s") % {"terms": money}
    if question.id != "requested_as":
        return None
    claim = advised_claim(state, today, timers=timers)
    if claim is None:
        return None
    currency = amounts_currency(state, today, timers=timers)
    amount = claim[2] if currency is not None else None
    terms = terms_text(tr, claim[0], amount, currency or "")
    return tr.gettext("I advised: %(terms)s") % {"terms": terms} if terms else None


def _examples(
    question: Question, state: FlowState, today: dt.date, tr: Translator, timers: Timers
) -> str | None:
    """The question's examples; for an amount that must be in the order's currency, examples
    in that one only (not "12.50 $, €15" and then "please give it in RUB")."""
    currency = required_currency(state, today, timers=timers)
    if currency is not None:
        number, amount = example_amounts(currency)
        bare = tr.format_number(number) if number == number.to_integral() else None
        return fill(
            tr.gettext(AMOUNT_EXAMPLES_IN),
            {
                "number": bare or tr.format_amount(number),
                "amount": _typeable_amount(tr, amount, currency),
                "currency": currency,
            },
        )
    return tr.gettext(question.examples) if question.examples else None


def _typeable_amount(tr: Translator, amount: Decimal, currency: str) -> str:
    """An amount as the language writes it, if the bot reads that back (`1 250,00 ₽`), else
    with the code (`1,250.00 CNY`: "CN¥" is no sign the bot reads, review V)."""
    written = tr.format_money(amount, currency)
    parsed = parse_money(written)
    if parsed.ok and parsed.value is not None and parsed.value.currency == currency:
        return written
    return f"{tr.format_amount(amount)}\u00a0{currency}"


def _button(text: str, qid: str, *parts: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=make(NAMESPACE, qid, *parts))


def question_keyboard(
    question: Question,
    state: FlowState,
    today: dt.date,
    tr: Translator,
    *,
    timers: Timers = DEFAULT_TIMERS,
    show_hint: bool = False,
) -> InlineKeyboardMarkup:
    """Options (✅ marks on a multi question), Done, Skip, the hint, then Back and Cancel."""
    multi = question.kind == "multi"
    chosen = frozenset(selected_options(state, today, timers=timers)) if multi else frozenset()
    earlier = earlier_answer(state, today, timers=timers)
    return _question_keyboard(
        question,
        tr,
        # A skip taken away is kept with Skip, as quickly (and there is nothing to name).
        keep=earlier is not None and earlier[0] is not None,
        keep_all=earlier is not None and keep_all_earlier(state, today, timers=timers)[1] > 1,
        held=held_answer(state, today, timers=timers) is not None,
        readings=_reading_buttons(state, today, tr, timers),
        chosen=chosen,
        show_hint=show_hint,
        follow_up=state.base is not None,
        # The new order's first question goes back to the main menu; a follow-up's first has
        # "Back to the order" already.
        back=can_go_back(state) or state.base is None,
    )


DONE_LABEL = N_("Done ➡️")
KEEP_LABEL = N_("↩️ Keep this answer")
KEEP_ALL_LABEL = N_("⏩ Keep all my earlier answers")
NONE_LABEL = N_("Done: none of these ➡️")


# Keyboards depend on a few facts of the state, not on the whole state: built once for each
# combination and shared by every user who sees it.
@lru_cache(maxsize=2048)
def _question_keyboard(
    question: Question,
    tr: Translator,
    *,
    keep: bool,
    keep_all: bool,
    held: bool,
    readings: tuple[tuple[str, str], ...],
    chosen: frozenset[str],
    show_hint: bool,
    follow_up: bool,
    back: bool,
) -> FrozenKeyboard:
    qid = question.id
    rows: list[list[InlineKeyboardButton]] = []
    if keep:
        rows.append([_button(tr.gettext(KEEP_LABEL), qid, KEEP)])
    if keep_all:
        rows.append([_button(tr.gettext(KEEP_ALL_LABEL), qid, KEEP_ALL)])
    if readings:
        rows += [[_button(label, qid, op)] for label, op in readings]
    elif held:
        rows.append([_button(tr.gettext("✅ It is correct"), qid, ACCEPT)])
    if held:
        rows.append([_button(tr.gettext("✏️ I will fix it"), qid, FIX)])
    if question.kind == "choice":
        options = _in_language_order(question, tr.lang)
        rows += [[_button(tr.gettext(o.label), qid, CHOOSE, o.code)] for o in options]
    elif question.kind == "multi":
        for option in question.options:
            mark = CHECKED if option.code in chosen else ""
            rows.append([_button(mark + tr.gettext(option.label), qid, TOGGLE, option.code)])
        # Nothing ticked: the same button says what pressing it means (walk F: "I have none"
        # had to be guessed).
        rows.append([_button(tr.gettext(DONE_LABEL if chosen else NONE_LABEL), qid, DONE)])
    if question.skip_label:
        rows.append([_button(tr.gettext(question.skip_label), qid, SKIP)])
    if question.hint and not show_hint:
        label = HINT_LABELS[question.hint_kind]
        rows.append([_button(tr.gettext(label), qid, HINT)])
    # A follow-up (it changes a saved order) cancels back to that order's card.
    cancel = tr.gettext("📦 Back to the order") if follow_up else tr.gettext("✖️ Cancel")
    last_row = [_button(cancel, qid, CANCEL)]
    if back:
        last_row.insert(0, _button(tr.gettext("⬅️ Back"), qid, BACK))
    rows.append(last_row)
    return FrozenKeyboard(rows)


def _reading_buttons(
    state: FlowState, today: dt.date, tr: Translator, timers: Timers
) -> tuple[tuple[str, str], ...]:
    """A held slash date's two readings as buttons, the one nearer today first (walk CL: an
    American's 12/5 taken as May 12 with "It is correct", 162 days to wait); none otherwise."""
    readings = held_readings(state, today, timers=timers)
    if readings is None:
        return ()
    pairs = sorted(
        zip(readings, (ACCEPT, OTHER_READING), strict=True), key=lambda p: abs(p[0] - today)
    )
    return tuple(("📅 " + tr.format_date(day), op) for day, op in pairs)


# The option most users of a language pick, shown first (walk AE: a Russian user's bare "2990"
# offered US dollars before roubles).
_FIRST_IN_LANGUAGE: dict[tuple[str, str], str] = {("ru", "currency"): "rub"}


def _in_language_order(question: Question, lang: str) -> tuple[Option, ...]:
    first = _FIRST_IN_LANGUAGE.get((lang, question.id))
    if first is None:
        return question.options
    return tuple(sorted(question.options, key=lambda option: option.code != first))


def cancel_confirmation(
    question: Question, answers: int, tr: Translator
) -> tuple[str, InlineKeyboardMarkup]:
    """Asked before Cancel drops `answers` answers: the text and its Stop / Continue buttons."""
    text = tr.ngettext(
        "Stop this questionnaire? The %(n)s answer you gave will be lost.",
        "Stop this questionnaire? The %(n)s answers you gave will be lost.",
        answers,
    ) % {"n": answers}
    keyboard = InlineKeyboardMarkup(
        [
            [_button(tr.gettext("✖️ Yes, stop it"), question.id, CANCEL_CONFIRMED)],
            [
                InlineKeyboardButton(
                    tr.gettext("▶️ No, continue"), callback_data=make(NAMESPACE, RESUME)
                )
            ],
        ]
    )
    return html.escape(text), keyboard


START_OVER = N_("🔁 Start over")


def resume_keyboard(tr: Translator, restart_label: str = START_OVER) -> InlineKeyboardMarkup:
    """Continue the questionnaire in progress, start a new one (`restart_label`), or go to the
    main menu (the questionnaire waits)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(tr.gettext("▶️ Continue"), callback_data=make(NAMESPACE, RESUME))],
            [
                InlineKeyboardButton(
                    tr.gettext(restart_label), callback_data=make(NAMESPACE, RESTART)
                )
            ],
            [back_to_menu_button()],
        ]
    )
