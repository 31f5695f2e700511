FROM eclipse-temurin:21-jdk
WORKDIR /src
COPY . .
RUN ./mvnw -q package
CMD ["java", "-jar", "target/app.jar"]
