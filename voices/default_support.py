# ruff: noqa: E501 (lines of text people read, kept whole)
"""Where to find support: the Wales-wide text a new feedback round starts with, in English
and Welsh, shown to people before and after they answer. Each round's lead can change it
and add local support (voices.forms.RoundOpenForm). The Welsh awaits review by a qualified
translator, as the framework content's does (docs/welsh-terms.md)."""

# fmt: off
SUPPORT_EN = "\n".join([
    'If answering brings up difficult feelings, you do not have to carry on, and support is available.',
    '',
    'You can stop at any time. You can also talk to someone you trust, or contact one of these services.',
    '',
    'In an emergency, or if you are in danger now, call 999.',
    'NHS 111 Wales: call 111 and press 2 for urgent mental health support, 24 hours a day.',
    'CALL Mental Health Helpline for Wales: call 0800 132 737 or text "help" to 81066. Free, 24 hours a day.',
    'Samaritans: call 116 123. Free, 24 hours a day.',
    'Samaritans Welsh language line: call 0808 164 0123. Free.',
    'Live Fear Free helpline, for domestic abuse and sexual violence: call 0808 80 10 800. Free, 24 hours a day.',
    'Meic, for children and young people up to 25: call 080 880 23456. Free and confidential, 8am to midnight every day.',
])

SUPPORT_CY = "\n".join([
    'Os yw ateb y cwestiynau hyn yn codi teimladau anodd, does dim rhaid i chi barhau, ac mae cymorth ar gael.',
    '',
    "Gallwch chi stopio ar unrhyw adeg. Gallwch chi hefyd siarad â rhywun rydych chi'n ymddiried ynddo, neu gysylltu ag un o'r gwasanaethau hyn.",
    '',
    'Mewn argyfwng, neu os ydych chi mewn perygl nawr, ffoniwch 999.',
    'GIG 111 Cymru: ffoniwch 111 a phwyswch 2 i gael cymorth iechyd meddwl brys, 24 awr y dydd.',
    'Llinell Gymorth Iechyd Meddwl C.A.L.L.: ffoniwch 0800 132 737 neu anfonwch neges destun yn dweud "help" i 81066. Am ddim, 24 awr y dydd.',
    'Y Samariaid: ffoniwch 116 123. Am ddim, 24 awr y dydd.',
    'Llinell Gymraeg y Samariaid: ffoniwch 0808 164 0123. Am ddim.',
    'Llinell Gymorth Byw Heb Ofn, ar gyfer cam-drin domestig a thrais rhywiol: ffoniwch 0808 80 10 800. Am ddim, 24 awr y dydd.',
    'Meic, ar gyfer plant a phobl ifanc hyd at 25 oed: ffoniwch 080 880 23456. Am ddim ac yn gyfrinachol, o 8yb tan hanner nos bob dydd.',
])
# fmt: on
