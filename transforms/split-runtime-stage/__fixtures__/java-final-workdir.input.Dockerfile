FROM maven:3-jdk-8 AS builder
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn package -DskipTests

FROM maven:3-jdk-8
WORKDIR /opt/app
COPY --from=builder /build/target/service.jar service.jar
EXPOSE 8080
CMD java -Xmx256m -jar service.jar
