# -*- coding: utf-8 -*-
# a comment before the docstring

"message only"
revision="short"
down_revision='abc',
branch_labels = None  # none
if revision == "x": pass
