"""The workforce: an organisation's staff groups, the framework's practice levels each
group needs, how many people are trained to them (coverage) and the coverage a submitted
cycle keeps for the board report. It sits above assessments (docs/adr/0009).
"""
