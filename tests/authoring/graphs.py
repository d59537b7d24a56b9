"""The revision graphs the authoring tests share. Each graph function returns
fresh Rev objects, so a test may change their SQL. The ids are 12 hex
characters with distinct prefixes, so partial ids can be tested."""
from support import Rev

# a1f0c3e2b7d4 <- b2e1d4c3a8f5 <- c3d2e5f4b9a6 <- d4c3f6a5cab7
A, B, C, D = "a1f0c3e2b7d4", "b2e1d4c3a8f5", "c3d2e5f4b9a6", "d4c3f6a5cab7"


def linear():
    return [Rev(A), Rev(B, A), Rev(C, B), Rev(D, C)]


# two labelled branches from one base:
#   0b5e <- 1e17 (left) <- 2e17
#   0b5e <- 1a1b (right) <- 2a1b <- 3a1b
R0, L1, L2, R1, R2, R3 = ("0b5e00000000", "1e1700000000", "2e1700000000", "1a1b00000000", "2a1b00000000",
                          "3a1b00000000")


def branched():
    return [Rev(R0), Rev(L1, R0, labels="left"), Rev(L2, L1), Rev(R1, R0, labels="right"), Rev(R2, R1),
            Rev(R3, R2)]


# a merge point and a revision on top of it:
#   5a <- 6b, 5a <- 7c; (6b, 7c) <- 8d <- 9e
MA, MB, MC, MD, ME = "5a0000000000", "6b0000000000", "7c0000000000", "8d0000000000", "9e0000000000"


def merged():
    return [Rev(MA), Rev(MB, MA), Rev(MC, MA), Rev(MD, [MB, MC], message="merge 6b and 7c"), Rev(ME, MD)]


# two independent bases; the app branch depends on the lib branch, by id
# and by branch label:
#   f1 (lib) <- f2 <- f3
#   e1 (app, depends on f1) <- e2 (depends on 'lib', that is f1) <- e3 (depends on f3)
F1, F2, F3, E1, E2, E3 = ("f10000000000", "f20000000000", "f30000000000", "e10000000000", "e20000000000",
                          "e30000000000")


def depends():
    return [Rev(F1, labels="lib"), Rev(F2, F1), Rev(F3, F2), Rev(E1, labels="app", depends=F1),
            Rev(E2, E1, depends="lib"), Rev(E3, E2, depends=F3)]


def idempotent(revisions):
    """The revisions with IF [NOT] EXISTS SQL, so a stamp followed by a run of
    the stamped-over steps cannot fail on the schema."""
    for r in revisions:
        r.upgrade = [f"CREATE TABLE IF NOT EXISTS t_{r.id} (id INTEGER PRIMARY KEY)"]
        r.downgrade = [f"DROP TABLE IF EXISTS t_{r.id}"]
    return revisions
