dependencies {
    implementation("org.springframework.ai:spring-ai-openai:1.0.0-M1")
    testImplementation("org.junit.jupiter:junit-jupiter:5.10.3")
}
