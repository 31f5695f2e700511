FROM maven:3.9-eclipse-temurin-17
WORKDIR /build
COPY . .
RUN mvn -B package
CMD java -jar target/*.jar
