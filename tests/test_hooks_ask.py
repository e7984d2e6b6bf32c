"""A hook asked a question returns its receivers' answers, in order, without the Nones."""

from trauma_wales.hooks import Hook


def test_asking_a_hook_gives_each_answer_in_order_leaving_out_none():
    hook = Hook("a question")
    hook.subscribe(lambda **event: event["n"] + 1)
    hook.subscribe(lambda **event: None)
    hook.subscribe(lambda **event: event["n"] * 10)
    assert hook.ask(n=2) == [3, 20]
    assert Hook("nobody listens").ask(n=2) == []
