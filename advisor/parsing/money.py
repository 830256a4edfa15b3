"""Prices with an optional currency: "12.50 $", "1 200,50 ₽", "990 руб", "€15", "US $12.99"."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from pydantic import BaseModel, ConfigDict, Field

from advisor.models import MAX_AMOUNT as SITUATION_MAX_AMOUNT
from locales import N_

from .result import Parsed, clean, failure, too_long
from .spelled import spelled_as_digits

MONEY_UNREADABLE = N_("I could not read this amount. Examples: $12.50, €15, 1,200.50 USD, 990 RUB.")
MONEY_NOT_POSITIVE = N_("The amount must be greater than zero. Examples: $12.50, 990 RUB.")
MONEY_NEGATIVE = N_("The amount cannot be negative. Examples: 0 (free), 5 $, 300 RUB.")
# Asked of any amount (the return's postage too, walk E): no price, no currency named.
MONEY_TOO_LARGE = N_("This amount looks too large. Please check it and send it again.")
MONEY_SEVERAL = N_("Please send one amount only, for example 12.50 $.")
MONEY_UNKNOWN_CURRENCY = N_(
    "I do not know this currency. Write the amount with $, €, ₽ or a code such as USD, EUR, RUB."
)
# Words around the amount that name no currency ("около 1500", "$20 with shipping").
MONEY_JUST_THE_AMOUNT = N_(
    "Please send just the amount, with its currency if you like: 1500, 1500 ₽, 20 $."
)
# "$10 each", "3 x 10": a piece's price, where the amount is one sum (walk of 2026-12-03:
# refused with no word of what to send instead).
MONEY_PER_PIECE = N_(
    "Please send one sum for all the pieces together: for 3 pieces at 10 $, that is 30 $."
)
_PER_PIECE = re.compile(
    r"(?:\beach\b|\bper (?:piece|item|unit|pc)\b|\ba piece\b|/\s*(?:pc|pcs|шт)\b"
    r"|за\s+(?:шт|штуку)\b|\bкажд\w*|\bпо\s+[0-9])"
)
_TIMES = re.compile(r"[0-9]\s*(?:x|х|×|\*)\s*[0-9]|[0-9]\s*(?:x|х|×|\*)\s*[$€₽£]\s*[0-9]")
# "10%", "10 процентов": how buyers describe a partial offer (walk BP: "unknown currency").
MONEY_PERCENT = N_(
    "Please send the amount of money, not a percentage, for example 12.50 $ or 990 RUB."
)
# "Full refund" typed where the amount was asked (walks CL, CM): without the price, its number.
MONEY_WHOLE_PRICE = N_(
    "Please send the amount itself: for a full refund, the whole price you paid, for example"
    " 23.99 $ or 1990 RUB."
)
_WHOLE_PRICE = re.compile(
    r"(?:a\s+|the\s+)?(?:full|whole|entire)\s+(?:refund|price|amount|sum)|all(?: of it| my money)?"
    r"|(?:полный|полностью)\s+возврат(?:\s+денег)?|полную\s+сумму|полная\s+сумма|всю\s+сумму"
    r"|вся\s+сумма|все\s+деньги|всю\s+стоимость|полную\s+стоимость|100\s*%"
)
# A share of the known price, taken as that amount (walk CL: "30%" refused).
MONEY_FROM_PERCENT = N_("Counted as %(percent)s%% of the price, %(price)s.")
_PERCENT = re.compile(r"(%|проц|per ?cent|pct\b|proc|prozent)", re.IGNORECASE)
# An unknown currency is written as a code or a sign, not as words.
_CURRENCY_LIKE = re.compile(r"[A-Za-z]{3}|[^\w\s~≈]{1,3}")

# The Situation's own ceiling: 25,000,000 VND or 15,000,000 IDR is an ordinary price (walk AU:
# refused as "too large" under a ceiling fit for dollars and roubles).
MAX_AMOUNT = Decimal(SITUATION_MAX_AMOUNT)
CENT = Decimal("0.01")


class Money(BaseModel):
    """An amount with two decimal places (zero only where allowed), and its ISO 4217 currency
    if written."""

    model_config = ConfigDict(frozen=True)

    amount: Decimal = Field(ge=0, le=MAX_AMOUNT, decimal_places=2)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


_CURRENCIES: dict[str, str] = {
    **dict.fromkeys(("$", "us $", "us$", "usd", "us dollars", "dollars", "dollar", "долл",
                     "доллар", "доллара", "долларов", "доллары", "дол", "бакс", "бакса",
                     "баксов", "баксы", "bucks", "buck"), "USD"),
    **dict.fromkeys(("€", "eur", "euro", "euros", "евро"), "EUR"),
    **dict.fromkeys(("₽", "rub", "rur", "руб", "рубль", "рубля", "рублей", "рубли", "р",
                     "ruble", "rubles", "roubles"), "RUB"),
    **dict.fromkeys(("₴", "uah", "грн", "гривна", "гривны", "гривен", "hryvnia"), "UAH"),
    **dict.fromkeys(("₸", "kzt", "тенге", "tenge", "тг"), "KZT"),
    **dict.fromkeys(("byn", "br", "бел руб", "бел. руб", "белорусских рублей"), "BYN"),
    **dict.fromkeys(("zł", "zl", "pln", "злотый", "злотых", "злотых", "zloty"), "PLN"),
    **dict.fromkeys(("£", "gbp", "pounds", "pound", "фунт", "фунта", "фунтов"), "GBP"),
    # ¥ is also the yen's sign, but on AliExpress it is the yuan.
    **dict.fromkeys(("¥", "cny", "rmb", "yuan", "юань", "юаня", "юаней", "元"), "CNY"),
    **dict.fromkeys(("c$", "ca$", "cad"), "CAD"),
    **dict.fromkeys(("a$", "au$", "aud"), "AUD"),
    **dict.fromkeys(("₺", "try"), "TRY"),
    **dict.fromkeys(("jpy",), "JPY"),
    # Walk AR: "₹" alone was refused where "INR" was read.
    **dict.fromkeys(("₹", "inr", "rupees", "rupee", "рупий", "рупии", "rs", "rs."), "INR"),
    # Walk AS: "Rs. 2499" and "R$ 59,90", as Indian and Brazilian prices are written.
    **dict.fromkeys(("r$", "brl", "reais"), "BRL"),
    **dict.fromkeys(("₩", "krw"), "KRW"),
}  # fmt: skip
# "It costs nothing": a zero amount, where one is allowed (a free return).
_FREE = frozenset({"free", "for free", "бесплатно", "даром", "0"})
_CODE = re.compile(r"[a-z]{3}")
_KNOWN_CODES = frozenset(list_currencies()) | frozenset(_CURRENCIES.values())

# The number: digits with thousands separators (space, apostrophe) and , or . inside.
_NUMBER = re.compile(r"[0-9](?:[0-9 ',.]{0,30}[0-9])?")
# Walk CJ: "предлагает 300р" (at the offer) was refused; the verbs say whose amount it is.
# With who offers it (walk of 2026-12-03: "продавец предлагает 1500 рублей" was refused).
_LABEL = re.compile(
    r"(?:(?:the\s+)?seller\s+|продавец\s+|он\s+|она\s+|they\s+|he\s+|she\s+)?"
    r"(?:цена|стоимость|сумма|итого|price|cost|amount|total|предлагает|предлагают"
    r"|предложил[аи]?|offers|offered|(?:i\s)?paid|заплатил[аи]?|отдал[аи]?"
    r"|(?:я\s)?просил[аи]?|(?:i\s)?asked(?:\s+for)?)\s*:?\s*"
)
# An estimate is an amount too ("около 7000р", "~20 $", "about 500?", walk AE).
# Walk C: "like 25 bucks probably" was refused: hedges before the amount, and after it.
# Walk of 2026-12-03: "around 5 dollars i guess" was refused ("i guess", "не знаю точно").
_APPROXIMATELY = re.compile(
    r"(?:(?:около|примерно|приблизительно|где[- ]?то|ок\.|наверн?о[ей]?|вроде(?:\s+бы)?|кажется"
    r"|плюс[- ]минус|about|around|approx\.?|approximately|roughly|like|maybe|probably|i think"
    r"|i guess|i believe|~|≈)[\s,]*)+"
)
_APPROXIMATELY_AFTER = re.compile(
    r"(?:[\s,]*(?:probably|maybe|i think|i guess|i believe|i suppose|or so|or something"
    r"|give or take|more or less|roughly|-?ish|примерно|наверн?о[ей]?|вроде|кажется"
    r"|где[- ]?то так|или около того|плюс[- ]минус|(?:точно\s+)?не\s+(?:знаю|помню)(?:\s+точно)?"
    r"|not sure|не уверен[аы]?))+[\s.!?]*$"
)
# Walk CI: "about 25 dollars" became a full refund of $25.00 asked for a $24.99 order.
MONEY_ESTIMATE = N_(
    "An estimate is taken as the exact amount. If you can, check it on the order page and go"
    " back to type it exactly."
)
_MINUS = ("-", "−", "–", "—", "минус", "minus")
# "1,5 тыс", "2к", "3k $": thousands, as people write round prices.
_THOUSANDS = re.compile(r"(?:тысяч[аиу]?|тыс\.?|thousands?|k|к)(?![a-zа-яё])")
_GROUPED = {sep: re.compile(rf"[1-9][0-9]{{0,2}}(?:{re.escape(sep)}[0-9]{{3}})+") for sep in " ',."}


def _currency(token: str) -> str | bool | None:
    """The ISO code of a currency word or sign; None for no token; False when unknown."""
    token = token.strip(" .:,;")
    if not token:
        return None
    if token in _CURRENCIES:
        return _CURRENCIES[token]
    if _CODE.fullmatch(token) and token.upper() in _KNOWN_CODES:
        return token.upper()
    return False


def _integer_part(text: str) -> str | None:
    """Digits of an integer written with at most one kind of thousands separator."""
    if text.isdigit():
        return text
    separators = {ch for ch in text if not ch.isdigit()}
    if len(separators) != 1:
        return None
    (separator,) = separators
    if _GROUPED[separator].fullmatch(text) is None:
        return None
    return text.replace(separator, "")


def _number(text: str) -> Decimal | None:
    """The value of a written number; None when the separators do not make one clear reading."""
    decimal_at = max(text.rfind(","), text.rfind("."))
    whole, fraction = text, ""
    if decimal_at >= 0:
        mark = text[decimal_at]
        tail = text[decimal_at + 1 :]
        other = "." if mark == "," else ","
        # A lone , or . before three digits groups thousands: prices never have three decimals.
        lone_grouping = text.count(mark) == 1 and len(tail) == 3 and other not in text
        if text.count(mark) == 1 and not lone_grouping:
            whole, fraction = text[:decimal_at], tail
            if not (fraction.isdigit() and len(fraction) <= 2):
                return None
    digits = _integer_part(whole)
    if digits is None:
        return None
    try:
        return Decimal(f"{digits}.{fraction or '0'}")
    except InvalidOperation:
        return None


def _decimal_before_thousands(written: str, word: str) -> bool:
    """Whether the one mark in a number before a thousands word is a decimal one: "1,555 тыс"
    and "1.5k" are 1,555 and 1,500, but in English "1,555 thousand" groups the digits."""
    if re.fullmatch(r"[0-9]+[.,][0-9]{1,2}", written):
        return True
    russian = word[0] in "тк"
    return re.fullmatch(r"[0-9]+[.,][0-9]{3}", written) is not None and (russian or "." in written)


def read_currency(text: str) -> str | None:
    """The ISO code of a currency typed alone ("USD", "$", "рублей") or with an amount
    ("12.50 $"); None when the text names none or an unknown one."""
    if too_long(text) is not None:
        return None
    alone = _currency(clean(text))
    if isinstance(alone, str):
        return alone
    parsed = parse_money(text)
    return parsed.value.currency if parsed.ok and parsed.value is not None else None


def parse_money(
    text: str,
    *,
    allow_zero: bool = False,
    allow_estimate: bool = False,
    zero_error: str | None = None,
) -> Parsed[Money]:
    """An amount of money with an optional currency sign, code or word; `allow_zero` also takes
    0 and "free" (a cost, not a price); `allow_estimate` "около 7000р", "~20 $", "7000?" (a
    price or a postage; not an offer or an ask, which are compared to the cent); `zero_error`
    refuses 0 with its own message (an offer of nothing is a refusal, not a typo)."""
    if (refused := too_long(text)) is not None:
        return refused
    cleaned = clean(text.replace("’", "'").replace("ʼ", "'"))
    if (label := _LABEL.match(cleaned)) is not None:
        cleaned = cleaned[label.end() :]
    estimate = False
    if allow_estimate:
        if (approximately := _APPROXIMATELY.match(cleaned)) is not None:
            cleaned = cleaned[approximately.end() :]
        if (hedged := _APPROXIMATELY_AFTER.search(cleaned)) is not None:
            cleaned = cleaned[: hedged.start()]
        estimate = approximately is not None or hedged is not None or cleaned.endswith("?")
        cleaned = cleaned.rstrip(" ?")
    if _WHOLE_PRICE.fullmatch(cleaned.strip(" .!")) is not None:
        # The whole price, for a question that knows it to take (see percent_of).
        return failure(MONEY_WHOLE_PRICE, percent="100")
    if cleaned.strip(" .!") in _FREE:
        if allow_zero:
            return Parsed(value=Money(amount=Decimal(0)))
        if zero_error:
            return failure(zero_error)
    cleaned = spelled_as_digits(cleaned)
    numbers = list(_NUMBER.finditer(cleaned))
    if not numbers:
        return failure(MONEY_UNREADABLE)
    if _PER_PIECE.search(cleaned) is not None or (
        len(numbers) > 1 and _TIMES.search(cleaned) is not None
    ):
        return failure(MONEY_PER_PIECE)
    if len(numbers) > 1:
        return failure(MONEY_SEVERAL)
    number = numbers[0]
    before, after = cleaned[: number.start()].strip(), cleaned[number.end() :].strip()
    if before.startswith(_MINUS) or before.endswith(_MINUS):
        return failure(MONEY_NEGATIVE if allow_zero else MONEY_NOT_POSITIVE)
    before = before.removeprefix("+").strip()
    thousands = _THOUSANDS.match(after)
    if thousands is not None:
        after = after[thousands.end() :].strip()
    if _PERCENT.match(after) is not None or before.endswith("%"):
        # The share, for a question that knows the price to take it of (see percent_of).
        share = _number(number.group())
        return failure(MONEY_PERCENT, percent=str(share)) if share else failure(MONEY_PERCENT)
    currencies = {_currency(before), _currency(after)} - {None}
    if False in currencies:
        unknown = before if _currency(before) is False else after
        if _CURRENCY_LIKE.fullmatch(unknown) is None:
            return failure(MONEY_JUST_THE_AMOUNT)
        return failure(MONEY_UNKNOWN_CURRENCY)
    if len(currencies) > 1:
        return failure(MONEY_SEVERAL)
    written = number.group()
    if thousands is not None and _decimal_before_thousands(written, thousands.group()):
        amount: Decimal | None = Decimal(written.replace(",", "."))
    else:
        amount = _number(written)
    if amount is None:
        return failure(MONEY_UNREADABLE)
    if thousands is not None:
        amount *= 1000
    # Check the size before rounding: quantize fails on numbers with more digits than the context.
    if amount > MAX_AMOUNT:
        return failure(MONEY_TOO_LARGE)
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if amount == 0 and not allow_zero:
        return failure(zero_error or MONEY_NOT_POSITIVE)
    currency = next(iter(currencies), None)
    return Parsed(
        value=Money(amount=amount, currency=currency if isinstance(currency, str) else None),
        warning=MONEY_ESTIMATE if estimate else None,
    )


def percent_of(refused: Parsed[Any], price: Decimal, currency: str | None) -> Parsed[Money] | None:
    """A refused percentage ("30%") as that share of `price`, said so; None when the refusal
    was no percentage or the share is no amount (0%, over 100%)."""
    whole_or_share = refused.error in (MONEY_PERCENT, MONEY_WHOLE_PRICE)
    share = refused.params.get("percent") if whole_or_share else None
    if share is None:
        return None
    percent = Decimal(share)
    if not 0 < percent <= 100:
        return None
    amount = (price * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount <= 0:
        return None
    money = Money(amount=amount, currency=currency)
    if refused.error == MONEY_WHOLE_PRICE:
        return Parsed(value=money)  # the price itself, read back as the amount noted
    params = {
        "percent": format(percent.normalize(), "f"),
        "price": _money_param(price, currency),
        "amount": _money_param(amount, currency),
    }
    return Parsed(value=money, warning=MONEY_FROM_PERCENT, params=params)


def _money_param(amount: Decimal, currency: str | None) -> str:
    """An amount as a message parameter: "12.50 USD" is shown with its sign, in the language's
    way; without a currency, the bare number."""
    return f"{amount:.2f} {currency}" if currency else f"{amount:.2f}"
