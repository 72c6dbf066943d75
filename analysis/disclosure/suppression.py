"""Which figures to hide, before the check: primary suppression, whole groups, and lines.

The rules, applied to every line (a total and its parts) of every table of a publication together,
so a figure shared by several tables (a question's count is also the total of a row of each of its
breakdowns) is hidden everywhere or nowhere:

1. **Primary.** A count from 1 to 9 is hidden.
2. **Small totals.** A line whose total is hidden because it is under 10 is hidden whole, zeros
   included: "[c], 0, 0" would say all of a handful gave the same answer.
3. **Whole groups.** On a line where the rule applies (see :class:`~analysis.disclosure.figures.Line`),
   if every shown figure but one is 0, every figure of the line is hidden (its total stays): "yes 20,
   no 0, prefer not to say 0" would tell the world that every victim reported.
4. **Lines.** A line with exactly one hidden figure gives it away by subtraction, so one more is
   hidden. Preferred, in order: one that mends another line with a single hidden figure rather than
   starting one, non-zero (a hidden 0 hides little), the smallest, a part before a total. A 0 on a
   line whose total is a published 0 is never chosen: the total already says it is 0.

3 and 4 repeat until neither hides anything more. Lines with a part never published (who skipped a
question) have an unknown by construction and are left to the check in
:mod:`analysis.disclosure.audit`, which then proves, with the rounding, that no hidden count can be
worked out, and hides more where one could.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from analysis.disclosure.figures import Key, Line
from analysis.disclosure.rules import THRESHOLD, is_small


class Suppression:
    """The figures of a publication, their lines, and the set of hidden figures as it grows."""

    def __init__(self, values: Mapping[Key, int], published: Iterable[Key], lines: Iterable[Line]) -> None:
        self.values = dict(values)
        self.published = set(published)
        self.lines = list(lines)
        self.hidden: set[Key] = set()
        self.lines_of: dict[Key, list[int]] = defaultdict(list)
        for index, line in enumerate(self.lines):
            for key in line.keys():
                self.lines_of[key].append(index)
        missing = {key for line in self.lines for key in line.keys()} - set(self.values)
        if missing:
            raise ValueError(f"Lines name figures without a value: {sorted(map(str, missing))[:5]}")
        negative = [key for key, value in self.values.items() if value < 0]
        if negative:
            raise ValueError(f"Counts must not be negative: {sorted(map(str, negative))[:5]}")
        for line in self.lines:
            if sum(self.values[part] for part in line.parts) != self.values[line.total]:
                raise ValueError(f"The parts of {line.total} do not add up to it")

    def is_hidden(self, key: Key) -> bool:
        """Hidden from readers: suppressed, or never published (a helper)."""
        return key in self.hidden or key not in self.published

    def suppress(self) -> set[Key]:
        """Apply rules 1 to 4 (module docstring); returns the hidden published figures."""
        self.hidden = {key for key in self.published if is_small(self.values[key])}
        return self.suppress_more()

    def suppress_more(self) -> set[Key]:
        """Apply rules 2 to 4 again after more figures were hidden (by the check)."""
        self._hide_small_lines()
        while self._hide_whole_groups() | self._complete_lines():
            self._hide_small_lines()
        return self.hidden

    def hide(self, keys: Iterable[Key]) -> bool:
        """Hide more published figures; whether anything changed."""
        new = {key for key in keys if key in self.published} - self.hidden
        self.hidden |= new
        return bool(new)

    def fixed_zero(self, key: Key) -> bool:
        """A 0 that a published 0 total already gives away: hiding it would protect nothing."""
        if self.values[key] != 0:
            return False
        for index in self.lines_of[key]:
            total = self.lines[index].total
            if total != key and self.values[total] == 0 and not self.is_hidden(total):
                return True
        return False

    def _hide_small_lines(self) -> None:
        changed = True
        while changed:
            changed = False
            for line in self.lines:
                if line.total in self.hidden and self.values[line.total] < THRESHOLD:
                    parts = [part for part in line.parts if not self.fixed_zero(part)]
                    changed = self.hide(parts) or changed

    def _hide_whole_groups(self) -> bool:
        changed = False
        for line in self.lines:
            if not line.zero_rule or self.values[line.total] == 0:
                continue
            shown = [part for part in line.parts if not self.is_hidden(part)]
            non_zero = [part for part in shown if self.values[part] != 0]
            if len(shown) >= 2 and len(non_zero) == 1:
                changed = self.hide(line.parts) or changed
        return changed

    def _complete_lines(self) -> bool:
        changed = False
        progress = True
        while progress:
            progress = False
            for index, line in enumerate(self.lines):
                keys = list(line.keys())
                if any(key not in self.published for key in keys):
                    continue  # an unpublished part: the check handles it
                if sum(key in self.hidden for key in keys) != 1:
                    continue
                choice = self._second_choice(index, line)
                if choice is not None:
                    self.hidden.add(choice)
                    progress = changed = True
        return changed

    def _second_choice(self, index: int, line: Line) -> Key | None:
        def usable(key: Key) -> bool:
            return key not in self.hidden and not self.fixed_zero(key)

        candidates = [part for part in line.parts if usable(part)]
        if not candidates and usable(line.total):
            candidates = [line.total]
        if not candidates:
            return None
        return min(candidates, key=lambda key: self._choice_key(key, index))

    def _choice_key(self, key: Key, line_index: int) -> tuple[object, ...]:
        penalty = 0
        is_total = False
        for other in self.lines_of[key]:
            line = self.lines[other]
            is_total = is_total or line.total == key
            if other == line_index:
                continue
            already = sum(k in self.hidden for k in line.keys())
            penalty += 1 if already == 0 else -1 if already == 1 else 0
        value = self.values[key]
        return (penalty, value == 0, value, is_total, repr(key))
