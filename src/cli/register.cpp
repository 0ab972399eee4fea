#include "cli/register.hpp"

#include <cstdlib>
#include <filesystem>

#include "service/audit_key.hpp"
#include "service/crypto.hpp"

namespace meldpunt::cli {

std::unique_ptr<storage::Store> open_store(const std::string& url, int pool) {
    const bool postgres = url.rfind("postgres", 0) == 0;
    if (!postgres) {
        const std::filesystem::path path(url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url);
        if (path.has_parent_path())
            std::filesystem::create_directories(path.parent_path());
    }
    return storage::Store::open(url, pool);
}

std::unique_ptr<storage::Store> open_register(const std::string& url, const std::string& audit_key_file,
                                              int pool) {
    service::init_crypto();  // the chain's HMAC, the tokens
    if (!audit_key_file.empty())
        service::use_audit_key(service::read_audit_key(audit_key_file));
    auto store = open_store(url, pool);
    service::open_audit_chain(*store);
    return store;
}

std::string audit_key_file_from_environment() {
    const char* value = std::getenv("MELDPUNT_AUDIT_KEY_FILE");
    return value ? value : "";
}

}  // namespace meldpunt::cli
