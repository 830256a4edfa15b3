"""Hypothesis strategies for what users can send: texts, button data and other message types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from advisor.questionnaire import FLOWS
from handlers.commands import COMMANDS
from handlers.orders.card import TEXT_BUTTONS as ORDER_TEXT_BUTTONS
from handlers.orders.stages import FOLLOWUP_BUTTONS
from locales import get_translator

# Placeholders resolved when the event is sent: the user's current question, screen and order.
CURRENT_QID, CURRENT_MESSAGE, OWN_ORDER = "{qid}", "{message}", "{order}"

QUESTIONS = list(
    {s.question.id: s.question for flow in FLOWS.values() for s in flow.steps}.values()
)
QUESTION_IDS = sorted({question.id for question in QUESTIONS})
OPTION_CODES = sorted({option.code for q in QUESTIONS for option in q.options})
# Typed option labels are accepted answers at a choice question, in either language.
LABELS = sorted(
    {
        get_translator(lang).gettext(option.label)
        for question in QUESTIONS
        for option in question.options
        for lang in ("ru", "en")
    }
)
KNOWN_COMMANDS = frozenset(name for name, _ in COMMANDS)

NASTY_TEXTS = [
    "",
    " ",
    "\n\t\r",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\ufeff",
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "</i></b><a href='javascript:x'>",
    "&amp; &lt; &#0; &#xD800;",
    "'; DROP TABLE users; --",
    "1' OR '1'='1",
    "Robert'); DELETE FROM orders;--",
    "%(name)s %s {0} {} %d",
    "👨‍👩‍👧‍👦" * 50,
    "🙂",
    "ё" * 4096,
    "x" * 4097,
    "9" * 400,
    "-1",
    "1e309",
    "NaN",
    "0.000000001 $",
    "99999999999999999999 ₽",
    "31.02.2026",
    "0000-00-00",
    "in 100 years",
    "yesterday",
    "12.50 $",
    "RB123456785GB",
    "/",
    "/start new",
    "/start " + "a" * 100,
    *(f"/{name}" for name in sorted(KNOWN_COMMANDS)),
    "/unknown_command",
    *LABELS,
]

texts = st.one_of(
    st.sampled_from(NASTY_TEXTS),
    st.text(max_size=80),
    # Long texts are a short random text repeated: generating 5,000 random characters is slow.
    st.builds(lambda t, n: (t * n)[:n], st.text(min_size=1, max_size=40), st.integers(4000, 5000)),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "So", "Zs")), max_size=200
    ),
)

_ids = st.one_of(
    st.just(OWN_ORDER),
    st.integers(0, 60).map(str),
    st.sampled_from(["-1", "99999999999999999999", "1e3", "abc", "", "0x10"]),
)
_parts = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.+-", min_size=1, max_size=12)
_q_ops = st.sampled_from(["c", "t", "done", "skip", "hint", "back", "x", "zz"])
_q_button = st.builds(
    lambda qid, op, code: ":".join(["q", qid, op, *code]),
    st.one_of(st.just(CURRENT_QID), st.sampled_from(QUESTION_IDS), _parts),
    _q_ops,
    st.lists(st.one_of(st.sampled_from(OPTION_CODES), _parts), max_size=2),
)
_valid_looking = st.one_of(
    _q_button,
    st.sampled_from(["q:resume", "q:restart", "q:", "q:resume:x"]),
    st.builds(
        lambda op: f"a:{op}",
        st.sampled_from(
            ["t:dispute", "t:seller_message", "t:appeal", "t:x", "save", "new", "back", "x"]
        ),
    ),
    st.builds(
        lambda oid, action: ":".join(["o", oid, *action]),
        st.one_of(_ids, st.sampled_from(["p", "a"])),
        st.lists(
            st.sampled_from(
                [*FOLLOWUP_BUTTONS, *ORDER_TEXT_BUTTONS, "arc", "arcy", "rst", "del", "dly", "zz"]
            ),
            max_size=2,
        ),
    ),
    st.builds(
        lambda oid, action, extra: ":".join(["r", oid, action, *extra]),
        _ids,
        st.sampled_from(["ext", "opn", "res", "tmr", "card", "zz"]),
        st.lists(_ids, max_size=1),
    ),
    st.builds(lambda oid: f"cal:{oid}", _ids),
    st.sampled_from(
        (
            "m:new m:orders m:settings m:help m:menu m:zz lang:ru lang:en lang:xx s:lang s:tz"
            " s:tz:0 s:tz:99 s:tzt s:tzc s:back del:yes del:no del:maybe t:dispute zz:1:2 :"
        ).split()
    ),
)
callback_data = st.one_of(
    _valid_looking,
    st.text(max_size=64),
    st.builds(lambda t, n: (t * n)[:n], st.text(min_size=1, max_size=10), st.integers(65, 300)),
    _valid_looking.map(lambda data: data + ":" + "9" * 70),
)

_FILE = {"file_id": "f1", "file_unique_id": "fu1"}
MESSAGE_KINDS: dict[str, dict[str, Any]] = {
    "photo": {"photo": [{**_FILE, "width": 90, "height": 90}]},
    "photo_with_caption": {
        "photo": [{**_FILE, "width": 90, "height": 90}],
        "caption": "<b>look</b> 12.50 $",
    },
    "sticker": {
        "sticker": {
            **_FILE,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "voice": {"voice": {**_FILE, "duration": 3}},
    "video_note": {"video_note": {**_FILE, "length": 240, "duration": 3}},
    "document": {"document": {**_FILE, "file_name": "<evidence>.pdf"}},
    "location": {"location": {"latitude": 55.75, "longitude": 37.61}},
    "venue": {
        "venue": {
            "location": {"latitude": 55.75, "longitude": 37.61},
            "title": "Post office",
            "address": "<b>Tverskaya</b>",
        }
    },
    "contact": {"contact": {"phone_number": "+70000000000", "first_name": "A"}},
    "dice": {"dice": {"emoji": "🎲", "value": 3}},
    "empty_text": {"text": ""},
}


@dataclass(frozen=True)
class Event:
    """One thing a user does: `text`, `press` (data, on which message), `kind` or `edited`."""

    kind: str
    value: str
    message: str = CURRENT_MESSAGE

    def payload_fields(self) -> dict[str, Any]:
        """The message fields of a `kind` event."""
        return dict(MESSAGE_KINDS[self.value])


events = st.one_of(
    st.builds(Event, st.just("text"), texts),
    st.builds(
        Event,
        st.just("press"),
        callback_data,
        st.one_of(st.just(CURRENT_MESSAGE), st.integers(1, 5000).map(str)),
    ),
    st.builds(Event, st.just("kind"), st.sampled_from(sorted(MESSAGE_KINDS))),
    st.builds(Event, st.just("edited"), texts),
)
