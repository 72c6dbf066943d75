"""One simulated respondent: the whole public flow of a consultation over real HTTP, as a browser does it.

Each respondent has its own ``httpx.AsyncClient`` (its own cookie jar), reads the CSRF token from each
page's form, answers every question page it is shown (choices picked at random from the page's own
form, so any definition works), checks its answers, sends them and reads its reference from the
confirmation page. Redirects are followed by hand so that every request is timed and counted.

A person meeting "try again later" waits and tries again: a 429 or a 503 is retried after its
``Retry-After`` (2 s without one, at most 10 s), another 5xx after a second, a dropped connection
after half a second. Respondents send from one loopback address per class of 32 (a school behind
one network address; :func:`class_address`). Every attempt is recorded in :class:`Stats`; a 5xx
other than a 503 with ``Retry-After`` is a failure of the run however the retry went.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REFERENCE = re.compile(r"Your reference is<br><strong[^>]*>([^<]+)</strong>")
WORDS = (
    "Better lighting on the path by the station",
    "More police on foot in the town centre at night",
    "Somewhere for young people to go in the evenings",
    "Cameras in the underpass and the car park",
    "Cleaner streets and fewer empty shops",
    "Buses that run later so nobody has to walk home",
)


@dataclass
class Stats:
    """What all the respondents of one run saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # 5xx other than a 503 with Retry-After
    transport_errors: Counter[str] = field(default_factory=Counter)
    references: list[str] = field(default_factory=list)
    incomplete: Counter[str] = field(default_factory=Counter)
    problems_shown: int = 0
    timeline: list[tuple[float, int]] = field(
        default_factory=list
    )  # (time.monotonic(), status) of each answer

    def record(self, response: httpx.Response, elapsed: float, method: str, path: str) -> None:
        self.latencies.append(elapsed)
        status = response.status_code
        self.timeline.append((time.monotonic(), status))
        self.statuses[str(status)] += 1
        if status >= 500 and not (status == 503 and "Retry-After" in response.headers):
            self.failures[f"{status} {method} {_route(path)}"] += 1

    @property
    def requests(self) -> int:
        return len(self.latencies)


def _route(path: str) -> str:
    """A path with the question id kept and the query dropped: enough to say where a failure was."""
    return path.split("?", 1)[0]


class _Form(HTMLParser):
    """The fields of the page's POST form: hidden values, radios, checkboxes, selects, text boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.in_form = False
        self.hidden: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}
        self.checkboxes: dict[str, list[str]] = {}
        self.selects: dict[str, list[str]] = {}
        self.textareas: list[str] = []
        self.texts: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name", "")
        kind = a.get("type", "text").lower()
        if tag == "input" and name:
            if kind == "hidden":
                self.hidden[name] = a.get("value", "")
            elif kind == "radio":
                self.radios.setdefault(name, []).append(a.get("value", ""))
            elif kind == "checkbox":
                self.checkboxes.setdefault(name, []).append(a.get("value", ""))
            elif kind == "text":
                self.texts.append(name)
        elif tag == "textarea" and name:
            self.textareas.append(name)
        elif tag == "select" and name:
            self._select = name
            self.selects[name] = []
        elif tag == "option" and self._select is not None and a.get("value"):
            self.selects[self._select].append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None


def answer_from_page(page: str, rng: random.Random) -> dict[str, str | list[str]]:
    """A plausible answer to the question on ``page``: random choices from its own form."""
    form = _Form()
    form.feed(page)
    data: dict[str, str | list[str]] = dict(form.hidden)
    for name, values in form.radios.items():
        data[name] = rng.choice(values)
    for name, values in form.checkboxes.items():
        chosen = rng.sample(values, k=min(len(values), rng.randint(1, 2)))
        data[name] = chosen
        if "other" in chosen and "other_text" in form.texts:
            data["other_text"] = "E-scooters on the pavement"
    ranked = [name for name in form.selects if name.startswith("rank-")]
    for position, name in enumerate(rng.sample(ranked, k=min(len(ranked), rng.randint(1, 3))), start=1):
        data[name] = str(position)
    for name in form.textareas:
        data[name] = rng.choice(WORDS)
    return data


CLASS_SIZE = 32
"""Respondents who share one network address, as a school class does."""


class Respondent:
    """Goes from the start page to the confirmation once; ``run`` returns the reference or None."""

    def __init__(
        self, base: str, slug: str, stats: Stats, *, seed: int, deadline: float, address: str = "127.0.0.1"
    ) -> None:
        self.base = base
        self.slug = slug
        self.stats = stats
        self.rng = random.Random(seed)
        self.deadline = deadline
        transport = httpx.AsyncHTTPTransport(local_address=address)
        self.client = httpx.AsyncClient(
            base_url=base, follow_redirects=False, timeout=60, transport=transport
        )

    async def request(self, method: str, path: str, data: dict | None = None) -> httpx.Response:
        """One request as a patient person makes it: retried until it is answered or time runs out."""
        while True:
            started = time.perf_counter()
            try:
                response = await self.client.request(method, path, data=data)
            except httpx.TransportError as error:
                self.stats.transport_errors[type(error).__name__] += 1
                await self._wait(0.5)
                continue
            self.stats.record(response, time.perf_counter() - started, method, path)
            status = response.status_code
            if status in (429, 503):
                await self._wait(_retry_after(response))
            elif status >= 500:
                await self._wait(1.0)
            else:
                return response

    async def _wait(self, seconds: float) -> None:
        if time.monotonic() + seconds > self.deadline:
            raise TimeoutError
        await asyncio.sleep(seconds)

    async def run(self) -> str | None:
        try:
            async with self.client:
                for _attempt in range(3):  # a draft lost to a fault means starting again
                    reference = await self._once()
                    if reference is not None:
                        self.stats.references.append(reference)
                        return reference
                self.stats.incomplete["sent back to the start 3 times"] += 1
        except TimeoutError:
            self.stats.incomplete["still waiting at the deadline"] += 1
        return None

    async def _once(self) -> str | None:
        start = f"/consultations/{self.slug}/"
        page = await self.request("GET", start)
        response = await self.request("POST", f"{start}start", {"csrf_token": _csrf(page.text)})
        location = response.headers.get("Location", "")
        for _page in range(100):
            path = location.removeprefix(self.base)
            if "/questions/" in path:
                location = await self._answer(path)
            elif path.endswith("/check-answers"):
                page = await self.request("GET", path)
                if page.status_code != 200:
                    return None
                sent = await self.request("POST", path, {"csrf_token": _csrf(page.text)})
                location = sent.headers.get("Location", "")
            elif path.endswith("/confirmation"):
                page = await self.request("GET", path)
                found = REFERENCE.search(page.text)
                return found.group(1).strip() if found else None
            else:
                return None  # sent back to the start: the draft is gone
        return None

    async def _answer(self, path: str) -> str:
        page = await self.request("GET", path)
        if page.status_code != 200:
            return page.headers.get("Location", "")
        response = await self.request("POST", path, answer_from_page(page.text, self.rng))
        if response.status_code == 200:  # the page showed a problem: skip the question instead
            self.stats.problems_shown += 1
            response = await self.request("POST", path, {"csrf_token": _csrf(response.text)})
        return response.headers.get("Location", "")


def _retry_after(response: httpx.Response) -> float:
    """``Retry-After`` in seconds (2 when missing or a date), at most 10."""
    try:
        return min(max(float(response.headers.get("Retry-After", "2")), 0.1), 10.0)
    except ValueError:
        return 2.0


def _csrf(page: str) -> str:
    found = CSRF.search(page)
    return found.group(1) if found else ""


async def run_respondents(
    base: str, slug: str, count: int, *, seconds: float, seed: int = 11, stats: Stats | None = None
) -> tuple[Stats, float]:
    """``count`` respondents at once; returns what they saw and the wall time."""
    stats = stats if stats is not None else Stats()
    deadline = time.monotonic() + seconds
    respondents = [
        Respondent(base, slug, stats, seed=seed * 100_000 + i, deadline=deadline, address=class_address(i))
        for i in range(count)
    ]
    started = time.perf_counter()
    await asyncio.gather(*(r.run() for r in respondents))
    return stats, time.perf_counter() - started


def class_address(index: int) -> str:
    """The loopback address respondent ``index`` sends from: each class of :data:`CLASS_SIZE` shares one
    (a school behind one network address), so 8 and 32 respondents are one class on one address and
    128 are four schools. Loopback only (127.0.0.0/8)."""
    return f"127.0.0.{index // CLASS_SIZE + 1}"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]
