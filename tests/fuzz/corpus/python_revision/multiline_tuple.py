'''Merge the three feature branches.

A longer description that is not part of the message.
'''
revision = "9f8e7d6c5b4a"
down_revision = (
    "1a2b3c4d5e6f",  # accounts
    "2b3c4d5e6f70",  # billing
    # reports comes last
    "3c4d5e6f7081",
)
branch_labels = ["release", 'v2']
depends_on = {
    'accounts',
}
