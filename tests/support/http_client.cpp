#include <utility>

#include "support/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace meldpunt::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

HttpResult http_request(int port, const std::string& method, const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        const std::string& body) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(
        net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers)
        request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(stream, request);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(stream, buffer, parser);
    HttpResult result;
    result.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
        std::string name(field.name_string());
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers[name] = std::string(field.value());
        if (name == "set-cookie")
            result.set_cookies.emplace_back(field.value());
    }
    result.body = parser.get().body();
    beast::error_code ignored;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    return result;
}

std::string raw_request(int port, const std::string& bytes) {
    net::io_context ioc;
    net::ip::tcp::socket socket(ioc);
    socket.connect(
        net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    boost::system::error_code ec;
    net::write(socket, net::buffer(bytes), ec);
    socket.shutdown(net::ip::tcp::socket::shutdown_send, ec);
    std::string reply;
    char chunk[4096];
    while (true) {
        const size_t n = socket.read_some(net::buffer(chunk), ec);
        if (ec)
            break;
        reply.append(chunk, n);
    }
    return reply;
}

}  // namespace meldpunt::testing
