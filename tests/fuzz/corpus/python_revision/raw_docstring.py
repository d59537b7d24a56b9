r"""Fix C:\temp\new paths and \x41 escapes

Revision ID: 0badc0ffee00
Create Date: 2026-01-02 03:04:05
"""
revision = r'0badc0ffee00'
down_revision = u"ae1027a6acf" \
    # continued
branch_labels = None
depends_on = None
