// Sheet names Excel accepts: no []:*?/\, at most 31 characters (UTF-8 never cut inside a
// character), unique within the workbook; and a workbook that is a real XLSX (a ZIP) file.
#include <gtest/gtest.h>

#include "spreadsheet/workbook.hpp"

namespace {

using meldpunt::spreadsheet::sheet_name;

TEST(Workbook, SheetNamesAreWhatExcelAcceptsAndUnique) {
    std::vector<std::string> taken;
    EXPECT_EQ(sheet_name("Oorzaak", taken), "Oorzaak");
    EXPECT_EQ(sheet_name("Oorzaak", taken), "Oorzaak 2");
    EXPECT_EQ(sheet_name("Oorzaak", taken), "Oorzaak 3");
    EXPECT_EQ(sheet_name("Tijd [dagen]: a/b?*\\", taken), "Tijd -dagen-- a-b---");
    EXPECT_EQ(sheet_name("", taken), "Blad");
    EXPECT_EQ(sheet_name("oorzaak", taken), "oorzaak 4");  // Excel ignores case
    EXPECT_EQ(sheet_name("'Soort'", taken), "Soort");
    EXPECT_EQ(sheet_name("History", taken), "Blad 2");
    const std::string long_name = sheet_name("Bericht dat de zaak in behandeling is genomen", taken);
    EXPECT_LE(long_name.size(), 28u);
    const std::string accents = sheet_name("ééééééééééééééééééééééééééééé", taken);  // 2 bytes each
    EXPECT_EQ(accents.size(), 28u);
    EXPECT_EQ(accents, "éééééééééééééé");  // 14 whole characters
}

TEST(Workbook, AWorkbookIsAZipOfSheets) {
    const auto bytes = meldpunt::spreadsheet::workbook_bytes(
        {{"Cijfers", {"Cijfer", "Aantal"}, {{std::string("Ontvangen"), int64_t{12}}}}});
    ASSERT_GT(bytes.size(), 100u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
}

}  // namespace
