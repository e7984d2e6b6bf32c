"""What the generated matrices are built from: every route in the URLconf, one richly
populated organisation to build their URLs from, every form class in the project's apps,
what each view reads from a request, and the forms each page actually offers.

Nothing here lists pages or forms by hand: a new route or form is in the matrices the day it
exists, or a test says what is missing to build it.
"""
