/*
 * Mediation Room: libsrtp compatibility header for building mediasoup's worker
 * against Debian's libsrtp2 (2.5.x).
 *
 * mediasoup's worker is written against versatica's libsrtp3 fork, whose API
 * differs from libsrtp2 in three ways that the worker uses:
 *
 * 1. Out-of-place protect/unprotect:
 *
 *      srtp_protect(ctx, const uint8_t* in, size_t in_len,
 *                   uint8_t* out, size_t* out_len, size_t mki_index)
 *      srtp_unprotect(ctx, const uint8_t* in, size_t in_len,
 *                     uint8_t* out, size_t* out_len)
 *      (and the same for the _rtcp variants)
 *
 *    libsrtp2 only has the in-place srtp_protect(ctx, void* buf, int* len).
 *
 * 2. srtp_stream_remove(ctx, ssrc), which libsrtp2 calls srtp_remove_stream().
 *
 * 3. An opaque policy handle (mediasoup 3.27): srtp_policy_t is a pointer
 *    made by srtp_policy_create(), filled with srtp_policy_set_ssrc(),
 *    srtp_policy_set_profile(), srtp_policy_add_key(),
 *    srtp_policy_set_allow_repeat_tx(), srtp_policy_set_window_size(),
 *    passed by value to srtp_create() and freed with srtp_policy_destroy().
 *    In libsrtp2, srtp_policy_t is a struct the caller fills in.
 *
 * This header is found as <srtp.h> by the worker sources (the build script
 * puts its directory on the include path of the libsrtp3 stand-in
 * dependency). It includes the real <srtp2/srtp.h> with libsrtp2's struct
 * renamed (the macro below; C functions are linked by name, so the rename
 * does not change the ABI), frees the name srtp_policy_t for the fork's
 * handle type, and adds C++ functions with the fork's signatures, so
 * SrtpSession.cpp and DepLibSRTP.cpp compile unchanged.
 *
 * Return codes follow the fork: bad_param for a NULL handle or an invalid
 * argument (checked when the fork checks it: arguments in the setters, the
 * key/salt lengths against the profile in srtp_create()), alloc_fail when
 * a handle cannot be allocated; whatever libsrtp2 returns otherwise. MKI is
 * not supported (mediasoup does not use it): keys with an MKI are refused
 * with bad_param, as the fork does while MKI is disabled on a policy.
 */

#ifndef MEDIATION_ROOM_SRTP_COMPAT_H
#define MEDIATION_ROOM_SRTP_COMPAT_H

#ifdef __cplusplus

#ifdef SRTP_SRTP_H
#error "<srtp2/srtp.h> was included before the compatibility <srtp.h>; srtp_policy_t would clash"
#endif

// libsrtp2's "struct srtp_policy_t" becomes mediation_room_srtp2_policy_t.
#define srtp_policy_t mediation_room_srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t
#include <srtp2/crypto_types.h> // SRTP_NULL_CIPHER, SRTP_NULL_AUTH

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

/* Status codes that exist only in the libsrtp3 fork (values as in the fork). */
inline constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(28);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(29);

namespace mediation_room_srtp_compat
{
	enum class Kind
	{
		RTP,
		RTCP
	};

	enum class Direction
	{
		PROTECT,
		UNPROTECT
	};

	inline srtp_err_status_t Transform(
	  Kind kind,
	  Direction direction,
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t inLen,
	  uint8_t* out,
	  size_t* outLen,
	  size_t mkiIndex)
	{
		if (ctx == nullptr || in == nullptr || out == nullptr || outLen == nullptr)
		{
			return srtp_err_status_bad_param;
		}

		// MKI is not used by mediasoup; libsrtp2's non-MKI functions are used.
		if (mkiIndex != 0)
		{
			return srtp_err_status_bad_param;
		}

		// libsrtp2 takes an int length and may append up to
		// SRTP_MAX_TRAILER_LEN bytes (plus the 4-byte SRTCP index for RTCP).
		size_t trailer = 0;

		if (direction == Direction::PROTECT)
		{
			trailer = SRTP_MAX_TRAILER_LEN + (kind == Kind::RTCP ? 4 : 0);
		}

		if (inLen > static_cast<size_t>(INT_MAX) - trailer)
		{
			return srtp_err_status_bad_param;
		}

		if (*outLen < inLen + trailer)
		{
			return srtp_err_status_buffer_small;
		}

		if (out != in)
		{
			// memmove: the buffers may overlap.
			std::memmove(out, in, inLen);
		}

		int len = static_cast<int>(inLen);
		srtp_err_status_t status;

		if (direction == Direction::PROTECT)
		{
			status = (kind == Kind::RTP) ? ::srtp_protect(ctx, out, &len)
			                             : ::srtp_protect_rtcp(ctx, out, &len);
		}
		else
		{
			status = (kind == Kind::RTP) ? ::srtp_unprotect(ctx, out, &len)
			                             : ::srtp_unprotect_rtcp(ctx, out, &len);
		}

		if (status == srtp_err_status_ok)
		{
			if (len < 0)
			{
				return srtp_err_status_fail;
			}

			*outLen = static_cast<size_t>(len);
		}

		return status;
	}
} // namespace mediation_room_srtp_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t mkiIndex)
{
	return mediation_room_srtp_compat::Transform(
	  mediation_room_srtp_compat::Kind::RTP,
	  mediation_room_srtp_compat::Direction::PROTECT,
	  ctx,
	  rtp,
	  rtpLen,
	  srtp,
	  srtpLen,
	  mkiIndex);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return mediation_room_srtp_compat::Transform(
	  mediation_room_srtp_compat::Kind::RTP,
	  mediation_room_srtp_compat::Direction::UNPROTECT,
	  ctx,
	  srtp,
	  srtpLen,
	  rtp,
	  rtpLen,
	  0);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t mkiIndex)
{
	return mediation_room_srtp_compat::Transform(
	  mediation_room_srtp_compat::Kind::RTCP,
	  mediation_room_srtp_compat::Direction::PROTECT,
	  ctx,
	  rtcp,
	  rtcpLen,
	  srtcp,
	  srtcpLen,
	  mkiIndex);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return mediation_room_srtp_compat::Transform(
	  mediation_room_srtp_compat::Kind::RTCP,
	  mediation_room_srtp_compat::Direction::UNPROTECT,
	  ctx,
	  srtcp,
	  srtcpLen,
	  rtcp,
	  rtcpLen,
	  0);
}

/* The fork renamed srtp_remove_stream(); the SSRC is in network byte order in both. */
inline srtp_err_status_t srtp_stream_remove(srtp_t ctx, uint32_t ssrc)
{
	return ::srtp_remove_stream(ctx, ssrc);
}

/* ---------------------------------------------------------------------------
 * The fork's opaque policy handle, on top of libsrtp2's policy struct.
 * ------------------------------------------------------------------------- */

struct mediation_room_srtp_policy_ctx
{
	srtp_profile_t profile{ srtp_profile_reserved };
	srtp_ssrc_t ssrc{ ssrc_undefined, 0 };
	size_t windowSize{ 0 }; // 0: libsrtp2's default (128).
	bool allowRepeatTx{ false };
	size_t numKeys{ 0 };     // 0 or 1 (no MKI).
	size_t keyLen{ 0 };
	size_t saltLen{ 0 };
	// Master key immediately followed by the master salt: the layout libsrtp2
	// expects in srtp_policy_t::key.
	unsigned char keyAndSalt[SRTP_MAX_KEY_LEN]{};
};

typedef mediation_room_srtp_policy_ctx* srtp_policy_t;

namespace mediation_room_srtp_compat
{
	inline void Wipe(void* buf, size_t len)
	{
		// volatile: keep the compiler from dropping the wipe of freed key material.
		volatile unsigned char* p = static_cast<volatile unsigned char*>(buf);

		while (len-- > 0)
		{
			*p++ = 0;
		}
	}

	inline bool IsValidWindowSize(size_t windowSize)
	{
		return windowSize == 0 || (windowSize >= 64 && windowSize < 0x8000);
	}
} // namespace mediation_room_srtp_compat

inline srtp_err_status_t srtp_policy_create(srtp_policy_t* policy)
{
	if (policy == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	*policy = new (std::nothrow) mediation_room_srtp_policy_ctx();

	return (*policy != nullptr) ? srtp_err_status_ok : srtp_err_status_alloc_fail;
}

inline void srtp_policy_destroy(srtp_policy_t policy)
{
	if (policy == nullptr)
	{
		return;
	}

	mediation_room_srtp_compat::Wipe(policy->keyAndSalt, sizeof(policy->keyAndSalt));
	delete policy;
}

inline srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc)
{
	if (policy == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	if (ssrc.type != ssrc_specific && ssrc.type != ssrc_any_inbound && ssrc.type != ssrc_any_outbound)
	{
		return srtp_err_status_bad_param;
	}

	policy->ssrc = ssrc;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_profile(srtp_policy_t policy, srtp_profile_t profile)
{
	if (policy == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	// Reject what libsrtp2 cannot map (e.g. srtp_profile_reserved, or GCM in a
	// libsrtp2 built without it) now, as the fork does.
	srtp_crypto_policy_t probe{};
	srtp_err_status_t status = srtp_crypto_policy_set_from_profile_for_rtp(&probe, profile);

	if (status != srtp_err_status_ok)
	{
		return status;
	}

	status = srtp_crypto_policy_set_from_profile_for_rtcp(&probe, profile);

	if (status != srtp_err_status_ok)
	{
		return status;
	}

	policy->profile = profile;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_add_key(
  srtp_policy_t policy,
  const uint8_t* key,
  size_t keyLen,
  const uint8_t* salt,
  size_t saltLen,
  const uint8_t* mki,
  size_t mkiLen)
{
	if (policy == nullptr || key == nullptr || salt == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	if (mkiLen > 0 && mki == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	// Without MKI the fork takes no MKI bytes and a single key.
	if (mkiLen != 0 || policy->numKeys > 0)
	{
		return srtp_err_status_bad_param;
	}

	if (keyLen + saltLen > SRTP_MAX_KEY_LEN)
	{
		return srtp_err_status_bad_param;
	}

	std::memcpy(policy->keyAndSalt, key, keyLen);
	std::memcpy(policy->keyAndSalt + keyLen, salt, saltLen);
	policy->keyLen  = keyLen;
	policy->saltLen = saltLen;
	policy->numKeys = 1;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t policy, bool allow)
{
	if (policy == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	policy->allowRepeatTx = allow;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t policy, size_t windowSize)
{
	if (policy == nullptr || !mediation_room_srtp_compat::IsValidWindowSize(windowSize))
	{
		return srtp_err_status_bad_param;
	}

	policy->windowSize = windowSize;

	return srtp_err_status_ok;
}

/*
 * The fork's srtp_create() takes the handle by value (NULL: a session without
 * streams) and validates it first; an invalid policy is bad_param. Then the
 * handle is turned into libsrtp2's struct and libsrtp2's srtp_create() runs
 * (it copies the key material into the session).
 */
inline srtp_err_status_t srtp_create(srtp_t* session, srtp_policy_t policy)
{
	if (session == nullptr)
	{
		return srtp_err_status_bad_param;
	}

	if (policy == nullptr)
	{
		return ::srtp_create(session, static_cast<const mediation_room_srtp2_policy_t*>(nullptr));
	}

	if (policy->profile == srtp_profile_reserved)
	{
		return srtp_err_status_bad_param;
	}

	if (
	  policy->ssrc.type != ssrc_specific && policy->ssrc.type != ssrc_any_inbound &&
	  policy->ssrc.type != ssrc_any_outbound)
	{
		return srtp_err_status_bad_param;
	}

	if (!mediation_room_srtp_compat::IsValidWindowSize(policy->windowSize))
	{
		return srtp_err_status_bad_param;
	}

	mediation_room_srtp2_policy_t p;

	std::memset(&p, 0, sizeof(p));

	srtp_err_status_t status = srtp_crypto_policy_set_from_profile_for_rtp(&p.rtp, policy->profile);

	if (status != srtp_err_status_ok)
	{
		return status;
	}

	status = srtp_crypto_policy_set_from_profile_for_rtcp(&p.rtcp, policy->profile);

	if (status != srtp_err_status_ok)
	{
		return status;
	}

	const bool nullNull = p.rtp.cipher_type == SRTP_NULL_CIPHER && p.rtp.auth_type == SRTP_NULL_AUTH &&
	                      p.rtcp.cipher_type == SRTP_NULL_CIPHER && p.rtcp.auth_type == SRTP_NULL_AUTH;

	// A null/null profile takes no key; every other profile exactly one, of the
	// profile's key and salt lengths.
	if (nullNull ? policy->numKeys != 0 : policy->numKeys != 1)
	{
		return srtp_err_status_bad_param;
	}

	if (
	  !nullNull && (policy->keyLen != srtp_profile_get_master_key_length(policy->profile) ||
	                policy->saltLen != srtp_profile_get_master_salt_length(policy->profile)))
	{
		return srtp_err_status_bad_param;
	}

	p.ssrc            = policy->ssrc;
	p.key             = policy->keyAndSalt;
	p.keys            = nullptr;
	p.num_master_keys = 0;
	p.window_size     = static_cast<unsigned long>(policy->windowSize);
	p.allow_repeat_tx = policy->allowRepeatTx ? 1 : 0;
	p.enc_xtn_hdr     = nullptr;
	p.enc_xtn_hdr_count = 0;
	p.next            = nullptr;

	return ::srtp_create(session, &p);
}

#else /* !__cplusplus */

/* C code gets libsrtp2 as it is. */
#include <srtp2/srtp.h>

#endif /* __cplusplus */

#endif /* MEDIATION_ROOM_SRTP_COMPAT_H */
