#pragma once
// An internal subtransaction of the caller's transaction. PostgreSQL switches
// memory context and resource owner when one starts and ends; the caller's
// are put back each time, so C++ code keeps allocating where it did.
struct MemoryContextData;
struct ResourceOwnerData;

namespace migrate::pg {

class InternalSubtransaction {
public:
    void begin();
    void commit();
    // Errors are swallowed (only out of memory is possible here): the error
    // being reported aborts the caller's transaction, which undoes the
    // subtransaction all the same.
    void rollback() noexcept;
    bool active() const { return active_; }

private:
    bool active_ = false;
    MemoryContextData* context_ = nullptr;
    ResourceOwnerData* owner_ = nullptr;
};

}  // namespace migrate::pg
