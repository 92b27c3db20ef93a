// Symbol visibility for types shared between the kernel and plugins.
#pragma once

/// Marks a class whose type information must be shared across the plugin boundary
/// (exceptions and interfaces), even when a plugin is built with hidden visibility.
#define CLXS_VISIBLE __attribute__((visibility("default")))
