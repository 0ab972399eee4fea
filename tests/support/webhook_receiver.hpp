#pragma once
// A real HTTP receiver of webhooks for the tests (tests/support/webhook_receiver.py), started once
// per test program on a free loopback port. It keeps every request; how it answers depends on the
// path (/ok, /erp, /accept, /fail, /flaky, /slow, /hang, /gone: see the script). A signature is
// checked by the script's own HMAC (Python's hmac), apart from Meldpunt's code.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace meldpunt::testing {

struct ReceivedWebhook {
    std::string file;  // where the receiver kept it (for verify)
    std::string path;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

class WebhookReceiver {
  public:
    WebhookReceiver();
    ~WebhookReceiver();
    // "http://127.0.0.1:PORT/ok/NAME" for `kind` "ok" ...
    std::string url(const std::string& kind, const std::string& name = "x") const;
    std::vector<ReceivedWebhook> requests() const;  // oldest first
    // Waits until at least `count` requests arrived or `seconds` pass; returns how many there are.
    size_t wait_for(size_t count, double seconds) const;
    void clear();
    // "" when the request's signature is valid under `secret` (and at most `max_age` seconds old
    // when given), else why not; computed by the Python script.
    std::string verify(const std::string& secret, const ReceivedWebhook& request, int max_age = -1) const;

  private:
    std::string dir_;
    int port_ = 0;
    std::unique_ptr<Process> process_;
};

WebhookReceiver& webhook_receiver();

}  // namespace meldpunt::testing
