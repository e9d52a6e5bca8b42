#pragma once
// JSON equality as a reader sees it: 1 and 1.0 are one number, and a number may differ by a
// relative `tolerance` (Boost.JSON 1.81 reads decimals to within one unit in the last place, and
// vectors come back from the dense index as float32).
#include <algorithm>
#include <cmath>

#include <boost/json/value.hpp>

namespace braid::test_support {

inline bool same_json(const boost::json::value& a, const boost::json::value& b, double tolerance) {
    if (a.is_number() && b.is_number()) {
        const double x = a.to_number<double>(), y = b.to_number<double>();
        return x == y || std::abs(x - y) <= tolerance * std::max(std::abs(x), std::abs(y));
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        const auto &l = a.get_array(), &r = b.get_array();
        if (l.size() != r.size()) return false;
        for (std::size_t i = 0; i < l.size(); ++i)
            if (!same_json(l[i], r[i], tolerance)) return false;
        return true;
    }
    if (a.is_object()) {
        const auto &l = a.get_object(), &r = b.get_object();
        if (l.size() != r.size()) return false;
        for (const auto& member : l) {
            const auto* other = r.if_contains(member.key());
            if (!other || !same_json(member.value(), *other, tolerance)) return false;
        }
        return true;
    }
    return a == b;
}

}  // namespace braid::test_support
