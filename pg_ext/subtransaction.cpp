#include "subtransaction.hpp"

#include "pg_guard.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {

void InternalSubtransaction::begin() {
    pg_call([&] {
        context_ = CurrentMemoryContext;
        owner_ = CurrentResourceOwner;
        BeginInternalSubTransaction(nullptr);
        MemoryContextSwitchTo(context_);
    });
    active_ = true;
}

void InternalSubtransaction::commit() {
    pg_call([&] {
        ReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(context_);
        CurrentResourceOwner = owner_;
    });
    active_ = false;
}

void InternalSubtransaction::rollback() noexcept {
    if (!active_) return;
    active_ = false;
    try {
        pg_call([&] {
            RollbackAndReleaseCurrentSubTransaction();
            MemoryContextSwitchTo(context_);
            CurrentResourceOwner = owner_;
        });
    } catch (...) {
    }
}

}  // namespace migrate::pg
