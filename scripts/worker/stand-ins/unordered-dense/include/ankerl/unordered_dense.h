/*
 * Mediation Room: stand-in for <ankerl/unordered_dense.h> when building
 * mediasoup's worker with Debian packages (no Debian release packages
 * martinus/unordered_dense). Written for this project; it is not the upstream
 * library.
 *
 * mediasoup (3.27.x) uses only three names from it:
 *
 *   ankerl::unordered_dense::map<Key, T[, Hash]>
 *   ankerl::unordered_dense::set<Key>
 *   ankerl::unordered_dense::hash<T>{}(value)   (per-field hashes it combines)
 *
 * and only the std::unordered_map / std::unordered_set subset of their API
 * (find, emplace, try_emplace, insert, erase(it) / erase(key), at,
 * operator[], contains, size, reserve, clear, iteration, initializer
 * lists). So map and set are the standard containers and hash forwards to
 * std::hash. The differences from upstream do not matter to mediasoup:
 *
 * - Iteration order: upstream iterates a dense vector (insertion order until
 *   an erase moves the last element into the hole); the standard containers
 *   iterate in bucket order. The one place in mediasoup 3.27.1 where order
 *   shows: ActiveSpeakerObserver, with no dominant speaker yet, starts from
 *   begin() of its producer map, so among equally silent producers a
 *   different one may be named dominant first (upstream: the first added).
 *   Lists in dumps (e.g. a router's transport ids) come out in another order.
 * - Iterator invalidation: the standard containers invalidate less (only
 *   the erased element; rehashing keeps references valid), so code written
 *   for upstream's rules is also correct here.
 * - value_type is std::pair<const Key, T> here and std::pair<Key, T>
 *   upstream; structured bindings and ->first / ->second work with both.
 * - hash<T> returns std::uint64_t like upstream, but the value is
 *   std::hash's (identity for integers in libstdc++), not upstream's wyhash
 *   mix. mediasoup only feeds it to a boost-style hash_combine and to the
 *   standard containers, whose prime bucket counts cope with identity hashes.
 */

#ifndef MEDIATION_ROOM_ANKERL_UNORDERED_DENSE_STAND_IN_H
#define MEDIATION_ROOM_ANKERL_UNORDERED_DENSE_STAND_IN_H

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense
{
	// The second parameter mirrors upstream's signature (SFINAE slot for
	// user specializations).
	template<typename T, typename Enable = void>
	struct hash
	{
		[[nodiscard]] std::uint64_t operator()(const T& value) const
		  noexcept(noexcept(std::hash<T>{}(value)))
		{
			return static_cast<std::uint64_t>(std::hash<T>{}(value));
		}
	};

	template<
	  class Key,
	  class T,
	  class Hash      = hash<Key>,
	  class KeyEqual  = std::equal_to<Key>,
	  class Allocator = std::allocator<std::pair<const Key, T>>>
	using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

	template<
	  class Key,
	  class Hash      = hash<Key>,
	  class KeyEqual  = std::equal_to<Key>,
	  class Allocator = std::allocator<Key>>
	using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
} // namespace ankerl::unordered_dense

#endif /* MEDIATION_ROOM_ANKERL_UNORDERED_DENSE_STAND_IN_H */
