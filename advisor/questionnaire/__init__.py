"""The questionnaire as data: questions, options, flows and the engine that walks them."""

from .flow import (
    FLOWS,
    accept_held,
    answer_choice,
    answer_text,
    back,
    build_situation,
    can_go_back,
    current_question,
    drop_held,
    finish_multi,
    held_answer,
    is_complete,
    progress,
    selected_options,
    skip,
    start,
    toggle_option,
)
from .followups import FOLLOWUPS
from .model import FlowState, Option, Question

__all__ = [
    "FLOWS",
    "FOLLOWUPS",
    "FlowState",
    "Option",
    "Question",
    "accept_held",
    "answer_choice",
    "answer_text",
    "back",
    "build_situation",
    "can_go_back",
    "current_question",
    "drop_held",
    "finish_multi",
    "held_answer",
    "is_complete",
    "progress",
    "selected_options",
    "skip",
    "start",
    "toggle_option",
]
