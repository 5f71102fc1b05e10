/*
 * Mediation Room: libsrtp compatibility header for building mediasoup's worker
 * against Debian's libsrtp2 (2.5.x).
 *
 * mediasoup's worker is written against versatica's libsrtp3 fork, whose
 * protect/unprotect functions are "out of place":
 *
 *   srtp_protect(ctx, const uint8_t* in, size_t in_len,
 *                uint8_t* out, size_t* out_len, size_t mki_index)
 *   srtp_unprotect(ctx, const uint8_t* in, size_t in_len,
 *                  uint8_t* out, size_t* out_len)
 *   (and the same for the _rtcp variants)
 *   srtp_stream_remove(ctx, ssrc)
 *
 * libsrtp2 only has the in-place C functions
 *
 *   srtp_protect(ctx, void* buf, int* len)
 *   srtp_remove_stream(ctx, ssrc)
 *
 * This header is found as <srtp.h> by the worker sources (the build script
 * puts its directory on the include path of the libsrtp3 stand-in
 * dependency). It includes the real <srtp2/srtp.h> and adds C++ overloads
 * with the fork's signatures, so SrtpSession.cpp and DepLibSRTP.cpp compile
 * unchanged. Each overload copies the input into the output buffer (when they
 * differ), runs the in-place libsrtp2 function on the output buffer and
 * reports the resulting length.
 */

#ifndef MEDIATION_ROOM_SRTP_COMPAT_H
#define MEDIATION_ROOM_SRTP_COMPAT_H

#include <srtp2/srtp.h>

#ifdef __cplusplus

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

#endif /* __cplusplus */

#endif /* MEDIATION_ROOM_SRTP_COMPAT_H */
