"""Plan every saved order's reminders again when the settings that plan them change.

A reminder is planned when its order is saved or changed, with the settings of that moment:
the days before each deadline, the local hour, quiet hours, the timers that place the
deadlines and the default time zone. After a restart with other values the reminder sweep
drops the reminders the order would no longer plan (handlers/reminder_sweep.py), and without
this nothing would plan the new ones until the buyer next changed the order: a deadline could
pass unannounced. So the bot records the values it planned with (and the planning rules'
version, for a new release that plans differently) and, at start, when they differ, plans the
reminders of every active order again, in the background.
"""

from __future__ import annotations

import dataclasses
import json
import logging

from advisor.models import Situation
from advisor.reminder_plan import PLAN_VERSION
from handlers.clock import now_utc, user_today
from handlers.order_store import advise, reconcile_reminders
from handlers.runtime import Runtime
from storage import applied_settings, orders

log = logging.getLogger(__name__)

REMINDER_SETTINGS = "reminder_plan"  # the applied_settings row of the values below
PAGE = 200  # orders re-planned per transaction: other writes wait for one page at most


def reminder_settings(rt: Runtime) -> str:
    """Every setting a reminder's plan depends on, and the planning rules' version, as one
    comparable string."""
    return json.dumps(
        {
            "plan_version": PLAN_VERSION,
            "schedule": dataclasses.asdict(rt.reminder_schedule),
            "timers": rt.timers.model_dump(mode="json"),
            "quiet_hours": rt.quiet_hours,
            "default_timezone": rt.default_timezone,
        },
        sort_keys=True,
    )


async def replan_all(rt: Runtime, *, page: int = PAGE) -> int:
    """Plan the reminders of every active order of every user who has not blocked the bot
    again, with the current settings; return how many orders were planned.

    Each page is read and re-planned in one transaction, so a buyer's change to an order lands
    before or after it, never in between. Pending reminders move to the plan; one already
    due, being sent or snoozed by the buyer stays, one sent is not planned again
    (`reconcile_reminders`). An order that cannot be planned keeps its own, and the rest go on.
    """
    planned = 0
    last_id = 0
    while True:
        async with rt.db.transaction() as conn:
            batch = await orders.active_with_owners(conn, after_id=last_id, limit=page)
            now = now_utc()
            for order, owner in batch:
                # Each order in a savepoint: one that fails half-way keeps all its reminders.
                await conn.execute("SAVEPOINT replan_order")
                try:
                    stored = Situation.model_validate(order.situation)
                    today = user_today(owner, rt.default_timezone, now)
                    situation, advice = advise(stored, today, rt)
                    await reconcile_reminders(conn, rt, owner, order.id, situation, advice)
                except Exception:
                    # One order the advisor cannot read must not stop the others for good.
                    await conn.execute("ROLLBACK TO replan_order")
                    log.exception("could not plan the reminders of order %s; kept", order.id)
                    continue
                finally:
                    await conn.execute("RELEASE replan_order")
                planned += 1
        if len(batch) < page:
            return planned
        last_id = batch[-1][0].id


async def replan_if_settings_changed(rt: Runtime) -> int | None:
    """Re-plan every order's reminders if the reminder settings differ from those recorded,
    then record the current ones; how many orders were re-planned, or None if unchanged.

    The record is written only once every order is done: a stop half-way re-plans them all at
    the next start (re-planning is idempotent).
    """
    current = reminder_settings(rt)
    recorded = await applied_settings.get(rt.db, REMINDER_SETTINGS)
    if recorded == current:
        return None
    if recorded is not None:
        log.info("the reminder settings changed: planning every order's reminders again")
        # Forgotten before the first page: stopped half-way, the next start re-plans all,
        # even with the old settings back (some orders would have the new ones' reminders).
        async with rt.db.transaction() as conn:
            await applied_settings.forget(conn, REMINDER_SETTINGS)
    count = await replan_all(rt)
    async with rt.db.transaction() as conn:
        await applied_settings.put(conn, REMINDER_SETTINGS, current)
    if count:
        log.info("planned the reminders of %s orders with the current settings", count)
    return count


async def replan_needed_at_start(rt: Runtime) -> bool:
    """Whether the reminders need planning again (`replan_if_settings_changed`, best in the
    background). A new database gets the settings recorded at once: nothing was planned yet."""
    recorded = await applied_settings.get(rt.db, REMINDER_SETTINGS)
    if recorded == reminder_settings(rt):
        return False
    if recorded is None and not await orders.any_saved(rt.db):
        async with rt.db.transaction() as conn:
            await applied_settings.put(conn, REMINDER_SETTINGS, reminder_settings(rt))
        return False
    return True
