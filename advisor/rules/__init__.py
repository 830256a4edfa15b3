"""The decision table of DOMAIN.md section 4, one function per rule.

- rules 1-3 (timing): `advisor.rules.timing`
- rules 4-10 (not received): `advisor.rules.not_received`
- rules 11-15 (received, risk): `advisor.rules.received`
- during a dispute (by stage): `advisor.rules.stages`
"""

from advisor.rules.base import Facts, Outcome
from advisor.rules.why import Why

__all__ = ["Facts", "Outcome", "Why"]
