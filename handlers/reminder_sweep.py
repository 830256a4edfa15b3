"""One sweep: claim the due reminders in batches, send them, mark them; nothing kept in memory.

A reminder is claimed before it is sent and marked right after, so a crash in between sends
that one reminder again on the next start (claims older than the start are given back), and
none is ever lost.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter

from advisor.models import Advice, DeadlineKind, Situation
from advisor.reminder_plan import (
    after_quiet_hours,
    latest_reminder,
    reminded_deadlines,
    wanted_offsets,
)
from handlers.clock import now_utc, zone_or_default
from handlers.order_store import advise, deadline_kind
from handlers.reminder_message import render_reminder, situation_of
from handlers.runtime import Runtime
from locales import get_translator
from locales.runtime import resolve_language
from storage import reminders, users
from storage.reminders import DueReminder

log = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 50
CONCURRENCY = 32
MAX_ATTEMPTS = 5
RETRY_DELAY_SECONDS = 60
# A claim this old belongs to a sweep that died (a live one marks within seconds).
STALE_CLAIM_SECONDS = 600
# BadRequest texts that mean the chat is gone for good, like Forbidden.
_GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "bot was blocked")


@dataclass
class SweepResult:
    """What one sweep did, for logs and tests."""

    sent: int = 0
    superseded: int = 0
    cancelled: int = 0
    deferred: int = 0
    retried: int = 0
    failed: int = 0
    blocked_users: int = 0
    left_for_restart: int = 0


def retry_after_seconds(error: RetryAfter) -> int:
    """How long Telegram asked to wait, whichever type this PTB version returns."""
    with warnings.catch_warnings():
        # PTB 22 returns int seconds with a deprecation warning; 23 will return a timedelta.
        warnings.simplefilter("ignore")
        wait = error.retry_after
    return int(wait.total_seconds() if isinstance(wait, dt.timedelta) else wait)


def _deadline(due: DueReminder) -> dt.date:
    return dt.date.fromisoformat(due.reminder.deadline_on)


def _rank(due: DueReminder) -> tuple[int, int, int]:
    """Which of two reminders is the later word: due later, else closer to the deadline."""
    reminder = due.reminder
    return reminder.due_at, -reminder.offset_days, reminder.id


async def _covered(rt: Runtime, due: DueReminder, group: list[DueReminder], today: dt.date) -> bool:
    """Whether the reminder is covered by a later one of the same order: always for the same
    deadline, and for a deadline already passed by any later reminder of the order, unless the
    user asked for it again ("remind me tomorrow" promised it: walk D, the last day's reminder
    snoozed past the day was dropped for one weeks away) and the window's reminder, saying the
    same, does not come due with it. The end of Buyer Protection is not
    covered by a reminder still to come, only by one due with it."""
    reminder = due.reminder
    same = (reminder.kind, reminder.deadline_on)
    # Of several reminders of one deadline that came due together, only the latest counts.
    if any(
        (o.reminder.kind, o.reminder.deadline_on) == same and _rank(o) > _rank(due) for o in group
    ):
        return True
    if _deadline(due) >= today:
        return False
    if await reminders.is_repeat(rt.db, reminder.id):
        # Asked for again: sent, unless the window's reminder goes out with it, which says
        # protection has ended (the day after it ended, walk CE), the same again.
        window = DeadlineKind.dispute_window_closes.value
        return reminder.kind == DeadlineKind.protection_ends.value and any(
            o.reminder.kind == window for o in group
        )
    if any(o.reminder.due_at > reminder.due_at for o in group):
        return True
    if reminder.kind == DeadlineKind.protection_ends.value:
        # Protection ended while the bot was away: said now ("a dispute may still be
        # possible"), not left to the window's reminder days later (walk AB: nothing came).
        return False
    return await reminders.later_pending(rt.db, reminder.order_id, reminder.due_at)


def _past_known_end(due: DueReminder, later: dt.datetime, zone: ZoneInfo) -> bool:
    """Whether waiting until `later` (the morning, after quiet hours) would pass the last useful
    moment of the reminder's deadline, known to the minute (review L: deferred to 09:00, the
    reminder of a protection running out at 08:00 came after it). It goes out at night then."""
    situation = situation_of(due.situation)
    if situation is None:
        return False
    kind = deadline_kind(due.reminder.kind)
    latest = latest_reminder(kind, _deadline(due), situation, zone)
    return latest is not None and later > latest


def _still_planned(rt: Runtime, group: list[DueReminder]) -> set[int]:
    """The reminders of one order's group that the order as it is now would have planned: a
    deadline its advice has, at an offset the plan uses, judged on the day the plan meant it
    for (the deadline minus its offset: an overdue, deferred or snoozed one still counts). One
    planned by an earlier version of the bot (a deadline since dropped, such as the protection
    end after a confirmed receipt) is not. A situation that no longer reads keeps them all."""
    situation = situation_of(group[0].situation)
    if situation is None:
        return {due.reminder.id for due in group}
    by_day: dict[dt.date, tuple[Situation, Advice]] = {}
    kept = set()
    for due in group:
        day = _deadline(due) - dt.timedelta(days=due.reminder.offset_days)
        # A deadline listed only while it is ahead ("first day to open a dispute") is gone
        # from the advice on its own day: the day before still plans it.
        for judged in (day, day - dt.timedelta(days=1)):
            if judged not in by_day:
                by_day[judged] = advise(situation, judged, rt)
            current, advice = by_day[judged]
            deadlines = reminded_deadlines(advice, current)
            kinds = {(d.kind.value, d.date.isoformat()): d.kind for d in deadlines}
            kind = kinds.get((due.reminder.kind, due.reminder.deadline_on))
            if kind is not None:
                break
        if kind is None:
            continue
        offsets = wanted_offsets(
            kind, advice, current, schedule=rt.reminder_schedule, timers=rt.timers
        )
        if due.reminder.offset_days in offsets:
            kept.add(due.reminder.id)
    return kept


class _Sweep:
    def __init__(
        self, bot: Bot, rt: Runtime, now: dt.datetime, should_stop: Callable[[], bool]
    ) -> None:
        self.bot = bot
        self.should_stop = should_stop
        self.rt = rt
        self.now = now
        self.ts = int(now.timestamp())
        self.result = SweepResult()
        self.blocked: set[int] = set()
        self.gate = asyncio.Semaphore(CONCURRENCY)

    async def triage(self, batch: list[DueReminder]) -> list[DueReminder]:
        """Cancel, supersede or defer what should not go out now; return the rest."""
        cancelled, superseded, ready = [], [], []
        groups: dict[int, list[DueReminder]] = defaultdict(list)
        for due in batch:
            if due.blocked or due.chat_id is None or due.order_status != "active":
                cancelled.append(due.reminder.id)
            else:
                groups[due.reminder.order_id].append(due)
        for group in groups.values():
            planned = _still_planned(self.rt, group)
            for due in group:
                zone = zone_or_default(due.timezone, self.rt.default_timezone)
                today = self.now.astimezone(zone).date()
                if due.reminder.id not in planned:
                    log.info("reminder %s no longer fits its order; cancelled", due.reminder.id)
                    cancelled.append(due.reminder.id)
                    continue
                if await _covered(self.rt, due, group, today):
                    superseded.append(due.reminder.id)
                    continue
                later = after_quiet_hours(self.now, zone, self.rt.quiet_hours, _deadline(due))
                if later > self.now and not _past_known_end(due, later, zone):
                    await reminders.requeue(self.rt.db, due.reminder.id, int(later.timestamp()))
                    self.result.deferred += 1
                    continue
                ready.append(due)
        await reminders.set_state(self.rt.db, cancelled, reminders.CANCELLED)
        await reminders.set_state(self.rt.db, superseded, reminders.SUPERSEDED)
        self.result.cancelled += len(cancelled)
        self.result.superseded += len(superseded)
        return ready

    async def send(self, due: DueReminder) -> None:
        """Send one reminder and record the outcome."""
        reminder = due.reminder
        if reminder.user_id in self.blocked:
            await reminders.set_state(self.rt.db, [reminder.id], reminders.CANCELLED)
            self.result.cancelled += 1
            return
        lang = resolve_language(due.language, due.telegram_language, self.rt.default_language)
        tr = get_translator(lang)
        zone = zone_or_default(due.timezone, self.rt.default_timezone)
        today = self.now.astimezone(zone).date()
        try:
            text, markup = render_reminder(tr, due, today=today, zone=zone, timers=self.rt.timers)
            async with self.gate:
                if self.should_stop():
                    # Shutting down: leave it claimed; the next start gives the claim back.
                    self.result.left_for_restart += 1
                    return
                await self.bot.send_message(
                    due.chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
                )
        except RetryAfter as error:
            delay = retry_after_seconds(error) + 1
            await reminders.requeue(self.rt.db, reminder.id, self.ts + delay)
            self.result.retried += 1
        except Forbidden:
            await self._chat_gone(due)
        except BadRequest as error:
            if any(marker in str(error).lower() for marker in _GONE):
                await self._chat_gone(due)
            else:
                log.error("Telegram refused reminder %s: %s", reminder.id, error)
                await reminders.set_state(self.rt.db, [reminder.id], reminders.FAILED)
                self.result.failed += 1
        except Exception:  # a network error or a bug: retry a few times, never loop or crash
            attempt = reminder.attempts + 1
            log.warning("reminder %s not sent (attempt %s)", reminder.id, attempt, exc_info=True)
            if attempt >= MAX_ATTEMPTS:
                await reminders.set_state(self.rt.db, [reminder.id], reminders.FAILED)
                self.result.failed += 1
            else:
                delay = RETRY_DELAY_SECONDS * attempt
                await reminders.requeue(self.rt.db, reminder.id, self.ts + delay, failed=True)
                self.result.retried += 1
        else:
            await reminders.set_state(
                self.rt.db, [reminder.id], reminders.SENT, sent_at=int(now_utc().timestamp())
            )
            self.result.sent += 1

    async def _chat_gone(self, due: DueReminder) -> None:
        """The user blocked the bot or the chat is gone: stop all their reminders."""
        user_id = due.reminder.user_id
        log.info("user %s blocked the bot or has no chat; their reminders stop", user_id)
        await reminders.set_state(self.rt.db, [due.reminder.id], reminders.FAILED)
        self.result.failed += 1
        if user_id not in self.blocked:
            self.blocked.add(user_id)
            self.result.blocked_users += 1
            await users.set_blocked(self.rt.db, user_id, True)
            await reminders.stop_for_user(self.rt.db, user_id)


async def sweep_once(
    bot: Bot,
    rt: Runtime,
    *,
    now: dt.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    max_batches: int = MAX_BATCHES,
    should_stop: Callable[[], bool] = lambda: False,
) -> SweepResult:
    """Send every reminder due by `now` (claimed in batches through the pending index).

    `should_stop` is asked before each send: once it is true (the bot is shutting down) the
    rest stay claimed and go out after the next start, so SIGTERM never waits for a backlog.
    """
    sweep = _Sweep(bot, rt, now or now_utc(), should_stop)
    await reminders.release_stale(rt.db, sweep.ts - STALE_CLAIM_SECONDS)
    for _ in range(max_batches):
        batch = await reminders.claim_due(rt.db, sweep.ts, batch_size)
        if not batch:
            break
        ready = await sweep.triage(batch)
        await asyncio.gather(*(sweep.send(due) for due in ready))
        if len(batch) < batch_size or should_stop():
            break
    if sweep.result != SweepResult():
        log.info("reminder sweep: %s", sweep.result)
    return sweep.result
