// What Meldpunt accepts as an address to send from or to without quoting.
#include <gtest/gtest.h>

#include "support/mail_address.hpp"

namespace {

using meldpunt::support::is_mail_address;

TEST(MailAddress, PlainAddressesAreAccepted) {
    EXPECT_TRUE(is_mail_address("klachten@focus.nl"));
    EXPECT_TRUE(is_mail_address("klachten+2027-000001@mensen-met-een-missie.nl"));
    EXPECT_TRUE(is_mail_address("j.de.vries@localhost"));
}

TEST(MailAddress, WhatWouldNeedQuotingOrIsNoAddressIsRefused) {
    for (const char* bad : {"", "klachten", "@focus.nl", "klachten@", "klachten@@focus.nl", "a b@focus.nl",
                            "<klachten@focus.nl>", "klachten@focus.nl>", "klachten@focus.nl\r\nBcc: x@y.nl",
                            "\"klachten\"@focus.nl", "klachten@focus..nl", ".klachten@focus.nl",
                            "klachten.@focus.nl", "klachten@.focus.nl", "klachten@focus.nl.",
                            "kläger@focus.nl", "klachten@fo_cus.nl", "klachten@focus.nl,x@y.nl"})
        EXPECT_FALSE(is_mail_address(bad)) << bad;
    EXPECT_FALSE(is_mail_address(std::string(65, 'a') + "@focus.nl"));
    EXPECT_FALSE(is_mail_address("a@" + std::string(250, 'b') + ".nl"));
}

}  // namespace
