// The Android library of plaint (AAR): a Gradle build of its own, so an app
// can include it (`includeBuild("path/to/plaint/bindings/uniffi/android")`)
// or publish it. Needs the Android SDK; the native libraries come from
// ../scripts/build-android.sh (which needs the NDK). See ../README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "plaint-android"
