// org.plaint:plaint-android: the Kotlin bindings (Android flavour,
// ../generated/kotlin, and ../kotlin/PlaintErrors.kt) and the native library
// for arm64-v8a, armeabi-v7a and x86_64 (src/main/jniLibs, written by
// ../scripts/build-android.sh).
//
// minSdk 26: the bindings' timestamps are java.time.Instant, in Android's
// library from API 26 (an app on 21-25 would need core library desugaring).
// uniffi.toml's `android = true` makes the objects' cleaner
// android.system.SystemCleaner on API 34+ and JNA's cleaner below it, so
// nothing needs java.lang.ref.Cleaner (API 33).
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.1.0"
    id("maven-publish")
}

group = "org.plaint"
version = "0.1.0"

android {
    namespace = "org.plaint"
    compileSdk = 35

    defaultConfig {
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].java.srcDirs("../generated/kotlin", "../kotlin")

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    publishing {
        singleVariant("release") { withSourcesJar() }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // JNA's Android build (its own libjnidispatch.so for each ABI).
    api("net.java.dev.jna:jna:5.13.0@aar")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.8.0")
    // @RequiresApi in the generated cleaner.
    implementation("androidx.annotation:annotation:1.9.1")
}

publishing {
    publications {
        register<MavenPublication>("release") {
            groupId = "org.plaint"
            artifactId = "plaint-android"
            afterEvaluate { from(components["release"]) }
        }
    }
}
