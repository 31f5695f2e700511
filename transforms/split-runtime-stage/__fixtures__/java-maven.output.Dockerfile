FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /build
COPY --from=build /build/target/app.jar /build/target/app.jar
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
