#pragma once
// A self-signed certificate made at test time with the OpenSSL API (EC P-256, valid one day),
// written as PEM files: the certificate doubles as the CA file a client trusts.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/net/stand_in_server.hpp"

namespace braid::test {

// `subject_alt_names` in OpenSSL's config syntax, e.g. "DNS:localhost,IP:127.0.0.1".
inline TlsIdentity make_self_signed(const std::filesystem::path& dir, const std::string& subject_alt_names,
                                    const std::string& name = "server") {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    if (key == nullptr || cert == nullptr) throw std::runtime_error("self-signed: cannot create key/certificate");
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* subject = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("braid test"), -1, -1, 0);
    X509_set_issuer_name(cert, subject);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, subject_alt_names},
                                     std::pair{NID_basic_constraints, std::string("critical,CA:TRUE")}}) {
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        if (ext == nullptr) throw std::runtime_error("self-signed: bad extension " + value);
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(cert, key, EVP_sha256()) == 0) throw std::runtime_error("self-signed: cannot sign");
    TlsIdentity identity{(dir / (name + "-cert.pem")).string(), (dir / (name + "-key.pem")).string()};
    FILE* cert_out = std::fopen(identity.cert_file.c_str(), "w");
    FILE* key_out = std::fopen(identity.key_file.c_str(), "w");
    const bool ok = cert_out != nullptr && key_out != nullptr && PEM_write_X509(cert_out, cert) == 1 &&
                    PEM_write_PrivateKey(key_out, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (cert_out != nullptr) std::fclose(cert_out);
    if (key_out != nullptr) std::fclose(key_out);
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!ok) throw std::runtime_error("self-signed: cannot write PEM files in " + dir.string());
    return identity;
}

}  // namespace braid::test
