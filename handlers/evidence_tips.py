"""How to get the evidence into the dispute (DOMAIN.md section 5): the limits of the dispute
form and what to do with a video that will not upload, said under the card's evidence (walk AS:
none of it reached the buyer, who could paste a YouTube link AliExpress cannot open)."""

from __future__ import annotations

from advisor.models import Action, Advice, Evidence, Reason
from locales import N_, Translator

UPLOAD_LIMITS = N_(
    "The dispute takes up to 3 photos (2 MB each; put several pictures in a collage if you need"
    " more) and 1 video up to 500 MB."
)
VIDEO_WONT_UPLOAD = N_(
    "A video that will not upload: try another browser, or put it on a file host such as"
    " MediaFire and paste the link. Not YouTube: it is blocked in China."
)
SHOW_IT_FAILING = N_(
    "Show it failing in the video: for example, plugged into a charger while another device"
    " charges fine beside it."
)
# Walk B: "prepare an unboxing video" for an item opened days before, which no one can film
# any more.
UNBOXING_MISSING = N_(
    "Not opened yet? Film the unboxing from the sealed parcel. Opened without filming? Then add"
    " photos and a video of the problem taken now, with the packaging and its address label if"
    " you kept them."
)

# The actions whose evidence goes into the dispute form now, or soon: a rejected offer keeps
# the dispute going towards AliExpress's decision (walk BY: the card listed the evidence to
# prepare without the tips).
_UPLOADING = frozenset(
    {Action.open_dispute, Action.provide_evidence, Action.keep_dispute_open, Action.reject_offer}
)
_PICTURES = frozenset({Evidence.photos, Evidence.unboxing_video, Evidence.defect_video})
_VIDEOS = frozenset({Evidence.unboxing_video, Evidence.defect_video})


def evidence_tips(
    tr: Translator, advice: Advice, listed: list[Evidence], to_prepare: list[Evidence]
) -> list[str]:
    """The tips that fit the evidence the card lists (held or `to_prepare`: an unboxing video
    among those is one the buyer, with the item in hand, may no longer be able to film),
    translated."""
    if advice.action not in _UPLOADING or not _PICTURES & set(listed):
        return []
    tips = [tr.gettext(UPLOAD_LIMITS)]
    if _VIDEOS & set(listed):
        tips.append(tr.gettext(VIDEO_WONT_UPLOAD))
    if advice.reason is Reason.not_working and Evidence.defect_video in listed:
        tips.append(tr.gettext(SHOW_IT_FAILING))
    if Evidence.unboxing_video in to_prepare and advice.action is Action.open_dispute:
        # Not once the dispute is under way (walk D: under an offer, it read as stale).
        tips.append(tr.gettext(UNBOXING_MISSING))
    return tips
