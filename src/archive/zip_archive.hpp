#pragma once
// Files gathered into one ZIP archive in memory (a data subject's export, issue 15), written by
// libzip: names in UTF-8, the contents deflated where that helps, every entry dated alike.
#include <cstdint>
#include <ctime>
#include <deque>
#include <string>

struct zip;
struct zip_source;

namespace meldpunt::archive {

class ZipArchive {
  public:
    // Every entry is dated `modified` (the moment of the export), not the clock's time.
    explicit ZipArchive(std::time_t modified);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    // Adds a file at `path` ("zaken/2027-000001/brief-1.txt"); a path used before gets " (2)",
    // " (3)" ... before its extension. Throws std::runtime_error when libzip refuses.
    void add(const std::string& path, std::string content);
    // The archive's bytes; the archive takes no more files after.
    std::string finish();

  private:
    std::string unused_path(const std::string& path) const;

    std::time_t modified_;
    zip_source* buffer_ = nullptr;
    zip* archive_ = nullptr;
    std::deque<std::string> contents_;  // libzip reads them when the archive is written
};

}  // namespace meldpunt::archive
