"""Using the web chat (``/chat``) as a browser without JavaScript would, through Flask's test client or
an httpx client (``serve`` processes): read a chat page, post its forms."""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import cycle
from typing import Any


class ChatPage(HTMLParser):
    """What a person sees on a chat page: the lines so far, the buttons, the forms' hidden fields."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lines: list[tuple[str, str]] = []  # (by, text)
        self.buttons: dict[str, str] = {}  # label -> action
        self.hidden: dict[str, str] = {}
        self.latest: int | None = None
        self.errors: list[str] = []
        self.notice = ""
        self._in_notice = False
        self._line: list[str] | None = None
        self._by = ""
        self._button: str | None = None
        self._label: list[str] = []
        self._in_p = False
        self._in_error = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "li" and "data-by" in a:
            self._by, self._line = a["data-by"], []
            if a.get("id") == "latest":
                self.latest = len(self.lines)
        elif tag == "p" and self._line is not None and "sv-chat__text" in a.get("class", ""):
            self._in_p = True
        elif tag == "input" and a.get("type") == "hidden" and a.get("name") and "disabled" not in a:
            self.hidden.setdefault(a["name"], a.get("value", ""))
        elif tag == "button" and a.get("name") == "action":
            self._button, self._label = a.get("value", ""), []
        elif tag == "p" and "govuk-error-message" in a.get("class", ""):
            self._in_error = True
        elif tag == "p" and "govuk-notification-banner__heading" in a.get("class", ""):
            self._in_notice = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._in_p:
            self._in_p = False
        elif tag == "li" and self._line is not None:
            self.lines.append((self._by, "".join(self._line).strip()))
            self._line = None
        elif tag == "button" and self._button is not None:
            self.buttons[" ".join("".join(self._label).split())] = self._button
            self._button = None
        elif tag == "p" and self._in_error:
            self._in_error = False
        elif tag == "p" and self._in_notice:
            self._in_notice = False

    def handle_data(self, data: str) -> None:
        if self._in_p and self._line is not None:
            self._line.append(data)
        if self._button is not None:
            self._label.append(data)
        if self._in_error and data.strip():
            self.errors.append(data.strip())
        if self._in_notice:
            self.notice += data

    def ours_since_last_said(self) -> list[str]:
        last = max((i for i, (by, _) in enumerate(self.lines) if by == "person"), default=-1)
        return [text for by, text in self.lines[last + 1:] if by == "us"]


class WebChat:
    """One young person in one browser, JavaScript off."""

    def __init__(self, client: Any, bases: tuple[str, ...] = ("",)) -> None:
        """``client``: Flask's test client or an httpx client; each request goes to the next of ``bases``
        (several ``serve`` processes behind one name, as a balancer would send them)."""
        self.client = client
        self.page: ChatPage | None = None
        self._bases = cycle(bases)

    def open(self) -> ChatPage:
        response = self.client.get(f"{next(self._bases)}/chat")
        assert response.status_code == 200, text_of(response)[:500]
        assert response.headers["Cache-Control"] == "no-store"
        self.page = ChatPage(text_of(response))
        return self.page

    def start(self) -> ChatPage:
        page = self.open()
        response = self.client.post(f"{next(self._bases)}/chat/start", data=dict(page.hidden))
        assert response.status_code == 303 and response.headers["Location"].endswith("/chat#latest")
        return self.open()

    def post(self, **fields: str) -> ChatPage:
        assert self.page is not None
        response = self.client.post(f"{next(self._bases)}/chat", data={**self.page.hidden, **fields})
        assert response.status_code == 303, text_of(response)[:500]
        return self.open()

    def say(self, text: str) -> ChatPage:
        return self.post(message=text)

    def tap(self, label: str) -> ChatPage:
        assert self.page is not None
        assert label in self.page.buttons, f"no button {label!r} in {list(self.page.buttons)}"
        return self.post(action=self.page.buttons[label])




def text_of(response: Any) -> str:
    """The body of a Flask test response or an httpx response."""
    return response.get_data(as_text=True) if hasattr(response, "get_data") else response.text
