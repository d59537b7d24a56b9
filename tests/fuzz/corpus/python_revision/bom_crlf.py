"""Escapes \t and \u00e9 and \N{BULLET} and \101

Revision ID: 7e7e7e7e7e7e
"""
revision = "7e7e7e7e7e7e"
down_revision = None
branch_labels = ("crlf",)
depends_on = None
