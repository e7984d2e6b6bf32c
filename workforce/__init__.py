"""The four practice levels of the Trauma-Informed Practice Framework and, built on them,
the mapping of an organisation's staff groups to the levels they need.
"""
