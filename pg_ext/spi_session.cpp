#include "spi_session.hpp"

#include "pg_scratch.hpp"
#include "search_path.hpp"
#include "subtransaction.hpp"

namespace migrate::pg {
namespace {

// search_path = pg_catalog, <schema>, pg_temp set for the reading only (the
// subtransaction rolled back puts the caller's back), the reads parsed under
// the pinned path and deparsing under that one (CallerDisplayPath).
class Reading : public RolledBack {
public:
    explicit Reading(const std::string& schema) {
        sub_.begin();
        try {
            set_local_search_path({"pg_catalog", schema, "pg_temp"});
        } catch (...) {
            sub_.rollback();
            throw;
        }
        display_.emplace();
    }
    ~Reading() override {
        display_.reset();
        sub_.rollback();
    }

private:
    InternalSubtransaction sub_;
    std::optional<CallerDisplayPath> display_;
};

}  // namespace

std::optional<std::string> SpiSession::current_schema() { return caller_current_schema(); }

std::unique_ptr<RolledBack> SpiSession::reading(const std::string& schema) {
    return std::make_unique<Reading>(schema);
}

std::unique_ptr<TargetScratch> SpiSession::scratch(const std::string& schema) {
    return std::make_unique<Scratch>(db_, schema);
}

}  // namespace migrate::pg
