#include "dense/distance_kernels.hpp"

#include "dense/distance_kernels_x86.hpp"

namespace braid::dense {

namespace {

bool cpu_runs(KernelLevel level) {
#ifdef BRAID_X86_KERNELS
    __builtin_cpu_init();
    switch (level) {
        case KernelLevel::portable: return true;
        case KernelLevel::sse2: return __builtin_cpu_supports("sse2");
        case KernelLevel::avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        case KernelLevel::avx512:
            return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                   __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma");
    }
    return false;
#else
    return level == KernelLevel::portable;
#endif
}

DistanceKernels build(KernelLevel level) {
#ifdef BRAID_X86_KERNELS
    switch (level) {
        case KernelLevel::portable: return detail::portable_kernels();
        case KernelLevel::sse2: return detail::sse2_kernels();
        case KernelLevel::avx2: return detail::avx2_kernels();
        case KernelLevel::avx512: return detail::avx512_kernels();
    }
#endif
    return detail::portable_kernels();
}

struct KernelTable {
    DistanceKernels sets[4];
    bool runs[4] = {};
    KernelLevel best = KernelLevel::portable;

    KernelTable() {
        for (int i = 0; i < 4; ++i) {
            const auto level = static_cast<KernelLevel>(i);
            runs[i] = cpu_runs(level);
            if (!runs[i]) continue;
            sets[i] = build(level);
            best = level;
        }
    }
};

const KernelTable& table() {
    static const KernelTable instance;
    return instance;
}

}  // namespace

const char* kernel_level_name(KernelLevel level) {
    switch (level) {
        case KernelLevel::portable: return "portable";
        case KernelLevel::sse2: return "sse2";
        case KernelLevel::avx2: return "avx2+fma";
        case KernelLevel::avx512: return "avx512";
    }
    return "unknown";
}

KernelLevel best_supported_kernel_level() { return table().best; }

const DistanceKernels& active_kernels() {
    static const DistanceKernels& chosen = table().sets[static_cast<int>(table().best)];
    return chosen;
}

const DistanceKernels* kernels_for(KernelLevel level) {
    const auto i = static_cast<int>(level);
    if (i < 0 || i > 3 || !table().runs[i]) return nullptr;
    return &table().sets[i];
}

std::vector<KernelLevel> supported_kernel_levels() {
    std::vector<KernelLevel> levels;
    for (const KernelLevel level : {KernelLevel::portable, KernelLevel::sse2, KernelLevel::avx2, KernelLevel::avx512}) {
        if (kernels_for(level) != nullptr) levels.push_back(level);
    }
    return levels;
}

}  // namespace braid::dense
