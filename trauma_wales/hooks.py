"""The shape of an event a lower app announces to the apps above it.

Layers only point down (docs/adr/0009), so a lower app cannot call a higher one. It
defines a `Hook` instead; an app above subscribes a receiver when it starts (its
AppConfig.ready), and the lower app's service announces the event inside its
transaction, so a receiver's writes commit or roll back with the change. A receiver that
starts work elsewhere waits for the commit (`transaction.on_commit`). A page can also
`ask` a hook, and show what the apps above answer (the results page's next step).
"""

from collections.abc import Callable

Receiver = Callable[..., object]


class Hook:
    """One kind of event, announced with keyword arguments to every receiver, in the
    order they subscribed (each at most once)."""

    def __init__(self, name: str):
        self.name = name
        self._receivers: list[Receiver] = []

    def subscribe(self, receiver: Receiver) -> Receiver:
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def announce(self, **event) -> None:
        for receiver in self._receivers:
            receiver(**event)

    def ask(self, **event) -> list:
        """Each receiver's answer to the event, in order, leaving out those with none
        (None): how a lower page asks the apps above what they offer."""
        answers = (receiver(**event) for receiver in self._receivers)
        return [answer for answer in answers if answer is not None]
