"""A loaded rule: a rule file's header, its kind module and the kind's options, checked.

The kind's prepared state is built on first use, so rules that a run deselects cost nothing.
"""
from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from reportlint import kinds as kind_registry
from reportlint.model.finding import Severity

DEFAULT_PRIORITY = 20     # kinds that say nothing; listed exact forms 30, model-found and sweeps 10


class Rule:
    """One rule as loaded from its YAML file: the kind it configures, its options and examples.
    Each loaded rule is an object of its own (equal only to itself). A plain class: a @dataclass
    costs ~0.8 ms to create at import, on every run (model/plain.py)."""

    def __init__(self, id: str, kind_name: str, kind: Any, pack: str, path: str, category: str,
                 severity: Severity, message: str | dict, description: str, why: str, scope: str | None,
                 options: dict, examples: dict, marks: dict | None = None, message_en: str | dict | None = None,
                 references: list | None = None, enabled: bool = True, genres: tuple[str, ...] = (),
                 priority: int | None = None):
        self.id = id
        self.kind_name = kind_name
        self.kind = kind                    # the kind module
        self.pack = pack
        self.path = path
        self.category = category
        self.severity = severity
        self.message = message
        self.description = description
        self.why = why
        self.scope = scope
        self.options = options
        self.examples = examples
        self.marks = {} if marks is None else marks
        self.message_en = message_en
        self.references = [] if references is None else references
        self.enabled = enabled
        self.genres = genres                # the genres it runs on (model/genres.py); () = every genre
        self.priority = priority            # `priority:` in the rule file; None = the kind's PRIORITY
        self._state: Any = None
        self._prepared = False

    def __repr__(self) -> str:
        return f"Rule(id={self.id!r}, kind_name={self.kind_name!r}, pack={self.pack!r})"

    def __getitem__(self, key: str) -> Any:
        return self.options[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    @property
    def state(self) -> Any:
        """The kind's prepared state, built on first use (so deselected rules cost nothing)."""
        return self._state if self._prepared else self.prepare()

    def prepare(self) -> Any:
        """The kind's state, built now if it was not yet."""
        if not self._prepared:
            prep = getattr(self.kind, "prepare", None)
            self._state = prep(self) if prep else None
            self._prepared = True
        return self._state

    def template(self, variant: str | None, lang: str = "zh") -> str:
        msg = self.message_en if lang == "en" and self.message_en else self.message
        if isinstance(msg, dict):
            return msg.get(variant) or next(iter(msg.values()))
        return msg

    # read for every report of a run: worked out once (a module attribute that is not there
    # costs an AttributeError each time getattr looks)
    @cached_property
    def rank(self) -> int:
        """How specific its findings are when another rule flags the same characters (higher
        wins): the rule file's `priority`, else its kind's PRIORITY, else DEFAULT_PRIORITY."""
        if self.priority is not None:
            return self.priority
        return getattr(self.kind, "PRIORITY", DEFAULT_PRIORITY)

    @cached_property
    def reads_tables(self) -> bool:
        """Whether its kind reads the rows of tables pasted into a text (READS_TABLES)."""
        return bool(getattr(self.kind, "READS_TABLES", False))

    @cached_property
    def reads_together(self) -> bool:
        """Whether its kind's rules read a draft together (READS_TOGETHER): prepared before the
        first of them runs."""
        return bool(getattr(self.kind, "READS_TOGETHER", False))

    def runs_on(self, genre: str) -> bool:
        return not self.genres or genre in self.genres

    @property
    def summary(self) -> str:
        return self.description.strip().splitlines()[0] if self.description else ""

    # examples and YAML marks are half a rule and read only by test-rules, `rule ID` and load
    # errors: the compiled-rules cache (and a -j worker's copy) keeps them as one JSON string,
    # decoded when first read (the wheel's entry: a function that gives it, rulepacks/bundled.py)
    _LAZY = ("examples", "marks")

    def lazy_json(self) -> str:
        return json.dumps({"examples": self.examples, "marks": [[list(k), *v] for k, v in self.marks.items()]},
                          ensure_ascii=False)

    def __getstate__(self) -> dict:       # pickled only between processes (-j workers)
        state = dict(self.__dict__)
        state.update(_state=None, _prepared=False)
        for derived in ("kind", "rank", "reads_tables"):      # worked out from the kind again
            state.pop(derived, None)
        if all(name in state for name in self._LAZY):
            state["_lazy"] = self.lazy_json()
            for name in self._LAZY:
                del state[name]
        elif callable(state.get("_lazy")):        # the wheel's entry: the text it reads them from
            state["_lazy"] = state["_lazy"]()
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # only reached for an attribute not set yet: the kind module of a rule read back from
        # the cache or pickled (a built-in kind is imported when the rule is first run: a run
        # pays only for the kinds of the rules that run on its drafts), the examples and marks
        if name == "kind":
            kind = self.__dict__["kind"] = kind_registry.get(self.kind_name)
            return kind
        lazy = self.__dict__.pop("_lazy", None) if name in self._LAZY else None
        if lazy is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        data = json.loads(lazy if isinstance(lazy, str) else lazy())
        self.__dict__["examples"] = data["examples"]
        self.__dict__["marks"] = {tuple(k): (line, col) for k, line, col in data["marks"]}
        return self.__dict__[name]
