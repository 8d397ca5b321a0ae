"""Bishui (碧水): water-quality and pollution-control analytics for the Jiangbei Shuicheng resort."""

__version__ = "0.1.0"
