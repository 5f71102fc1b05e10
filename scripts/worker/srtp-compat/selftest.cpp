// Self-test of srtp-compat/srtp.h against the system libsrtp2, run by
// scripts/worker/build.sh before the worker is compiled (a few seconds), so
// a libsrtp2 that behaves differently fails the build loudly instead of
// failing calls at run time.
//
// It uses the compatibility API exactly as mediasoup's SrtpSession.cpp does
// (policy handle, out-of-place protect/unprotect) for the four crypto suites
// mediasoup negotiates, and checks the fork's error codes for bad input.
//
//   c++ -std=c++20 -I scripts/worker/srtp-compat selftest.cpp -lsrtp2

#include <srtp.h>

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace
{
	int failures = 0;

	void Check(bool ok, const char* what)
	{
		if (!ok)
		{
			std::fprintf(stderr, "srtp-compat selftest: FAILED: %s\n", what);
			++failures;
		}
	}

	void CheckStatus(srtp_err_status_t got, srtp_err_status_t want, const char* what)
	{
		if (got != want)
		{
			std::fprintf(
			  stderr,
			  "srtp-compat selftest: FAILED: %s (status %d, expected %d)\n",
			  what,
			  static_cast<int>(got),
			  static_cast<int>(want));
			++failures;
		}
	}

	// Builds a session the way mediasoup's SrtpSession constructor does.
	srtp_err_status_t MakeSession(
	  srtp_t* session, srtp_ssrc_type_t direction, srtp_profile_t profile, const uint8_t* keyAndSalt)
	{
		srtp_policy_t policy{ nullptr };
		srtp_err_status_t err = srtp_policy_create(std::addressof(policy));

		if (err != srtp_err_status_ok)
		{
			return err;
		}

		srtp_ssrc_t ssrc{};
		ssrc.type  = direction;
		ssrc.value = 0;

		const size_t keyLen  = srtp_profile_get_master_key_length(profile);
		const size_t saltLen = srtp_profile_get_master_salt_length(profile);

		if (
		  (err = srtp_policy_set_ssrc(policy, ssrc)) != srtp_err_status_ok ||
		  (err = srtp_policy_set_profile(policy, profile)) != srtp_err_status_ok ||
		  (err = srtp_policy_add_key(policy, keyAndSalt, keyLen, keyAndSalt + keyLen, saltLen, nullptr, 0)) !=
		    srtp_err_status_ok ||
		  (err = srtp_policy_set_allow_repeat_tx(policy, true)) != srtp_err_status_ok ||
		  (err = srtp_policy_set_window_size(policy, 1024)) != srtp_err_status_ok)
		{
			srtp_policy_destroy(policy);

			return err;
		}

		err = srtp_create(session, policy);
		srtp_policy_destroy(policy);

		return err;
	}

	void RoundTrip(srtp_profile_t profile, const char* name)
	{
		uint8_t keyAndSalt[SRTP_MAX_KEY_LEN];

		for (size_t i = 0; i < sizeof(keyAndSalt); ++i)
		{
			keyAndSalt[i] = static_cast<uint8_t>(i * 7 + 3);
		}

		srtp_t sender{ nullptr };
		srtp_t receiver{ nullptr };

		CheckStatus(MakeSession(&sender, ssrc_any_outbound, profile, keyAndSalt), srtp_err_status_ok, name);
		CheckStatus(MakeSession(&receiver, ssrc_any_inbound, profile, keyAndSalt), srtp_err_status_ok, name);

		if (sender == nullptr || receiver == nullptr)
		{
			return;
		}

		// RTP: version 2, PT 96, seq 1, ts 1000, SSRC 0x11223344, 100 bytes of payload.
		alignas(4) uint8_t rtp[112] = { 0x80, 96, 0, 1, 0, 0, 0x03, 0xe8, 0x11, 0x22, 0x33, 0x44 };

		for (size_t i = 12; i < sizeof(rtp); ++i)
		{
			rtp[i] = static_cast<uint8_t>(i);
		}

		alignas(4) uint8_t buf[sizeof(rtp) + SRTP_MAX_TRAILER_LEN + 4];
		size_t len = sizeof(buf);

		CheckStatus(srtp_protect(sender, rtp, sizeof(rtp), buf, &len, 0), srtp_err_status_ok, name);
		Check(len > sizeof(rtp), "protected RTP is longer than the plain packet");
		Check(std::memcmp(buf + 12, rtp + 12, sizeof(rtp) - 12) != 0, "RTP payload is encrypted");

		// Retransmission of the same packet (allow_repeat_tx, as mediasoup needs).
		size_t len2 = sizeof(buf);
		alignas(4) uint8_t buf2[sizeof(buf)];
		CheckStatus(srtp_protect(sender, rtp, sizeof(rtp), buf2, &len2, 0), srtp_err_status_ok, "repeat tx");

		size_t plainLen = len;
		CheckStatus(srtp_unprotect(receiver, buf, len, buf, &plainLen), srtp_err_status_ok, name);
		Check(plainLen == sizeof(rtp) && std::memcmp(buf, rtp, sizeof(rtp)) == 0, "RTP round trip");

		// A replayed packet is refused.
		plainLen = len2;
		CheckStatus(srtp_unprotect(receiver, buf2, len2, buf2, &plainLen), srtp_err_status_replay_fail, "replay");

		// A tampered packet fails authentication.
		len = sizeof(buf);
		rtp[3] = 2; // next sequence number
		CheckStatus(srtp_protect(sender, rtp, sizeof(rtp), buf, &len, 0), srtp_err_status_ok, name);
		buf[20] ^= 0x01;
		plainLen = len;
		CheckStatus(srtp_unprotect(receiver, buf, len, buf, &plainLen), srtp_err_status_auth_fail, "tampered");

		// Output buffer too small.
		len = sizeof(rtp);
		CheckStatus(
		  srtp_protect(sender, rtp, sizeof(rtp), buf, &len, 0), srtp_err_status_buffer_small, "buffer_small");

		// MKI index other than 0 is refused.
		len = sizeof(buf);
		CheckStatus(srtp_protect(sender, rtp, sizeof(rtp), buf, &len, 1), srtp_err_status_bad_param, "mki_index");

		// RTCP: SR header, SSRC 0x11223344, 20 bytes of sender info.
		alignas(4) uint8_t rtcp[28] = { 0x80, 200, 0, 6, 0x11, 0x22, 0x33, 0x44 };

		len = sizeof(buf);
		CheckStatus(srtp_protect_rtcp(sender, rtcp, sizeof(rtcp), buf, &len, 0), srtp_err_status_ok, name);
		plainLen = len;
		CheckStatus(srtp_unprotect_rtcp(receiver, buf, len, buf, &plainLen), srtp_err_status_ok, name);
		Check(plainLen == sizeof(rtcp) && std::memcmp(buf, rtcp, sizeof(rtcp)) == 0, "RTCP round trip");

		CheckStatus(srtp_stream_remove(receiver, htonl(0x11223344)), srtp_err_status_ok, "stream remove");
		CheckStatus(srtp_stream_remove(receiver, htonl(0x11223344)), srtp_err_status_no_ctx, "stream gone");

		CheckStatus(srtp_dealloc(sender), srtp_err_status_ok, "dealloc");
		CheckStatus(srtp_dealloc(receiver), srtp_err_status_ok, "dealloc");
	}

	void BadInput()
	{
		const uint8_t key[SRTP_MAX_KEY_LEN + 1] = {};
		srtp_policy_t policy{ nullptr };

		CheckStatus(srtp_policy_create(nullptr), srtp_err_status_bad_param, "create(NULL)");
		CheckStatus(srtp_policy_set_ssrc(nullptr, srtp_ssrc_t{ ssrc_any_inbound, 0 }), srtp_err_status_bad_param, "set_ssrc(NULL)");
		CheckStatus(srtp_policy_set_profile(nullptr, srtp_profile_aes128_cm_sha1_80), srtp_err_status_bad_param, "set_profile(NULL)");
		CheckStatus(srtp_policy_add_key(nullptr, key, 16, key, 14, nullptr, 0), srtp_err_status_bad_param, "add_key(NULL)");
		CheckStatus(srtp_policy_set_allow_repeat_tx(nullptr, true), srtp_err_status_bad_param, "set_allow_repeat_tx(NULL)");
		CheckStatus(srtp_policy_set_window_size(nullptr, 1024), srtp_err_status_bad_param, "set_window_size(NULL)");
		srtp_policy_destroy(nullptr);

		CheckStatus(srtp_policy_create(&policy), srtp_err_status_ok, "create");
		CheckStatus(srtp_policy_set_ssrc(policy, srtp_ssrc_t{ ssrc_undefined, 0 }), srtp_err_status_bad_param, "ssrc_undefined");
		CheckStatus(srtp_policy_set_profile(policy, srtp_profile_reserved), srtp_err_status_bad_param, "profile_reserved");
		CheckStatus(srtp_policy_set_window_size(policy, 63), srtp_err_status_bad_param, "window 63");
		CheckStatus(srtp_policy_set_window_size(policy, 0x8000), srtp_err_status_bad_param, "window 0x8000");
		CheckStatus(srtp_policy_set_window_size(policy, 0), srtp_err_status_ok, "window 0");
		CheckStatus(srtp_policy_add_key(policy, nullptr, 16, key, 14, nullptr, 0), srtp_err_status_bad_param, "key NULL");
		CheckStatus(srtp_policy_add_key(policy, key, 16, key, 14, key, 4), srtp_err_status_bad_param, "mki without MKI mode");
		CheckStatus(srtp_policy_add_key(policy, key, 40, key, 25, nullptr, 0), srtp_err_status_bad_param, "key too long");

		srtp_t session{ nullptr };

		// Incomplete policy: no profile, no SSRC, no key.
		CheckStatus(srtp_create(&session, policy), srtp_err_status_bad_param, "create with empty policy");

		CheckStatus(srtp_policy_set_ssrc(policy, srtp_ssrc_t{ ssrc_any_outbound, 0 }), srtp_err_status_ok, "set_ssrc");
		CheckStatus(srtp_policy_set_profile(policy, srtp_profile_aes128_cm_sha1_80), srtp_err_status_ok, "set_profile");
		CheckStatus(srtp_create(&session, policy), srtp_err_status_bad_param, "create without key");

		// Key of the wrong length for the profile.
		CheckStatus(srtp_policy_add_key(policy, key, 32, key, 12, nullptr, 0), srtp_err_status_ok, "add_key");
		CheckStatus(srtp_create(&session, policy), srtp_err_status_bad_param, "create with wrong key length");
		CheckStatus(srtp_policy_add_key(policy, key, 16, key, 14, nullptr, 0), srtp_err_status_bad_param, "second key");

		srtp_policy_destroy(policy);
	}
} // namespace

int main()
{
	if (srtp_init() != srtp_err_status_ok)
	{
		std::fprintf(stderr, "srtp-compat selftest: srtp_init() failed\n");

		return 1;
	}

	RoundTrip(srtp_profile_aes128_cm_sha1_80, "AES_CM_128_HMAC_SHA1_80");
	RoundTrip(srtp_profile_aes128_cm_sha1_32, "AES_CM_128_HMAC_SHA1_32");
	RoundTrip(srtp_profile_aead_aes_128_gcm, "AEAD_AES_128_GCM");
	RoundTrip(srtp_profile_aead_aes_256_gcm, "AEAD_AES_256_GCM");
	BadInput();

	srtp_shutdown();

	if (failures != 0)
	{
		std::fprintf(stderr, "srtp-compat selftest: %d check(s) failed (%s)\n", failures, srtp_get_version_string());

		return 1;
	}

	std::printf("srtp-compat selftest: ok (%s)\n", srtp_get_version_string());

	return 0;
}
