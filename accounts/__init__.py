"""People who sign in: the user model (email and full name), sign-up, sign-in and passwords.

Kept apart from `organisations` because a person exists before and beyond any one
organisation: they may belong to several, with a different role in each.
"""
