FROM gradle:8.5-jdk21 AS build
WORKDIR /home/gradle/src
COPY . .
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:21-jre
RUN mkdir /app && groupadd -r spring && useradd -r -g spring spring
COPY --from=build /home/gradle/src/build/libs/app.jar /app/app.jar
USER spring:spring
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
