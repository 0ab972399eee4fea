#include "archive/zip_archive.hpp"

#include <zip.h>

#include <stdexcept>

namespace meldpunt::archive {

namespace {

[[noreturn]] void fail(const char* what, zip_error_t* error) {
    const std::string message = std::string(what) + ": " + zip_error_strerror(error);
    zip_error_fini(error);
    throw std::runtime_error(message);
}

}  // namespace

ZipArchive::ZipArchive(std::time_t modified) : modified_(modified) {
    zip_error_t error;
    zip_error_init(&error);
    buffer_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer_)
        fail("zip buffer", &error);
    archive_ = zip_open_from_source(buffer_, ZIP_TRUNCATE, &error);
    if (!archive_) {
        zip_source_free(buffer_);
        fail("zip open", &error);
    }
    zip_source_keep(buffer_);  // the bytes stay readable after the archive is closed
    zip_error_fini(&error);
}

ZipArchive::~ZipArchive() {
    if (archive_)
        zip_discard(archive_);
    if (buffer_)
        zip_source_free(buffer_);
}

std::string ZipArchive::unused_path(const std::string& path) const {
    if (zip_name_locate(archive_, path.c_str(), 0) < 0)
        return path;
    const auto slash = path.rfind('/');
    auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == slash + 1)
        dot = path.size();
    for (int n = 2;; ++n) {
        std::string candidate = path.substr(0, dot) + " (" + std::to_string(n) + ")" + path.substr(dot);
        if (zip_name_locate(archive_, candidate.c_str(), 0) < 0)
            return candidate;
    }
}

void ZipArchive::add(const std::string& path, std::string content) {
    if (!archive_)
        throw std::logic_error("zip archive finished");
    const std::string name = unused_path(path);
    const std::string& kept = contents_.emplace_back(std::move(content));
    zip_source_t* source = zip_source_buffer(archive_, kept.data(), kept.size(), 0);
    if (!source)
        throw std::runtime_error(std::string("zip source: ") + zip_strerror(archive_));
    const zip_int64_t index = zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        zip_source_free(source);
        throw std::runtime_error(std::string("zip add: ") + zip_strerror(archive_));
    }
    zip_file_set_mtime(archive_, static_cast<zip_uint64_t>(index), modified_, 0);
}

std::string ZipArchive::finish() {
    if (!archive_)
        throw std::logic_error("zip archive finished");
    if (zip_close(archive_) != 0)
        throw std::runtime_error(std::string("zip close: ") + zip_strerror(archive_));
    archive_ = nullptr;
    contents_.clear();
    // The written archive is the buffer's whole content: its size, then every byte of it.
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer_, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
        throw std::runtime_error("zip read: the written archive has no size");
    if (zip_source_open(buffer_) != 0)
        throw std::runtime_error("zip read: cannot open the written archive");
    std::string bytes(static_cast<size_t>(stat.size), '\0');
    zip_uint64_t done = 0;
    while (done < stat.size) {
        const zip_int64_t read = zip_source_read(buffer_, bytes.data() + done, stat.size - done);
        if (read <= 0)
            break;
        done += static_cast<zip_uint64_t>(read);
    }
    zip_source_close(buffer_);
    if (done != stat.size)
        throw std::runtime_error("zip read: the written archive was read short");
    return bytes;
}

}  // namespace meldpunt::archive
