FROM eclipse-temurin:11-jre
COPY app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
